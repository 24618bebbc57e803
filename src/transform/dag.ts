/** Anything with a name and the names it depends on. */
export interface DagNode {
  name: string;
  refs: readonly string[];
}

/**
 * Orders nodes so every node comes after the nodes it refers to (Kahn's algorithm; among ready
 * nodes the input order is kept, so the order is stable). A reference to an unknown node or a
 * cycle is an error naming the models involved.
 */
export function topologicalOrder<T extends DagNode>(nodes: readonly T[]): T[] {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  for (const node of nodes) {
    for (const ref of node.refs) {
      if (!byName.has(ref)) throw new Error(`model ${node.name} refers to unknown model ${ref}`);
    }
  }
  const pending = new Map(nodes.map((node) => [node.name, new Set(node.refs)]));
  const ordered: T[] = [];
  while (pending.size > 0) {
    const ready = nodes.filter((node) => pending.get(node.name)?.size === 0);
    if (ready.length === 0) throw new Error(`models refer to each other in a cycle: ${[...pending.keys()].join(', ')}`);
    for (const node of ready) {
      pending.delete(node.name);
      ordered.push(node);
    }
    for (const refs of pending.values()) for (const node of ready) refs.delete(node.name);
  }
  return ordered;
}

/** Every node that depends on `name`, directly or not. */
export function downstreamOf(nodes: readonly DagNode[], name: string): Set<string> {
  const found = new Set<string>();
  const visit = (current: string) => {
    for (const node of nodes) {
      if (node.refs.includes(current) && !found.has(node.name)) {
        found.add(node.name);
        visit(node.name);
      }
    }
  };
  visit(name);
  return found;
}

/** Every node `name` depends on, directly or not. */
export function upstreamOf(nodes: readonly DagNode[], name: string): Set<string> {
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const found = new Set<string>();
  const visit = (current: string) => {
    for (const ref of byName.get(current)?.refs ?? []) {
      if (!found.has(ref)) {
        found.add(ref);
        visit(ref);
      }
    }
  };
  visit(name);
  return found;
}

/**
 * Resolves selectors: `name` (that model), `name+` (with everything downstream), `+name` (with
 * everything upstream), `+name+` (both). Returns the selected names; an unknown name is an error.
 */
export function selectNodes(nodes: readonly DagNode[], selectors: readonly string[]): Set<string> {
  const names = new Set(nodes.map((node) => node.name));
  const selected = new Set<string>();
  for (const selector of selectors) {
    const match = /^(\+?)([a-z_][a-z0-9_]*)(\+?)$/.exec(selector.trim());
    if (!match) throw new Error(`invalid selector ${JSON.stringify(selector)}: expected name, name+, +name or +name+`);
    const [, up, name, down] = match;
    if (!names.has(name)) throw new Error(`no model named ${name} (see \`scrm models\`)`);
    selected.add(name);
    if (up) for (const n of upstreamOf(nodes, name)) selected.add(n);
    if (down) for (const n of downstreamOf(nodes, name)) selected.add(n);
  }
  return selected;
}

import type { DagNode } from './dag.js';

/**
 * Calls `build` for every node once the nodes it refers to (among `nodes`; other references are
 * taken as built) are done, at most `width` at a time. Of the ready nodes, the one heading the
 * longest chain of nodes that wait for it starts first (ties in the order given), so the DAG's
 * longest path is not left until last while shorter branches take the slots. After a failure, or
 * once `signal` aborts, nothing new starts: the builds under way finish, then the first error is
 * thrown.
 */
export async function buildInDependencyOrder<T extends DagNode>(
  nodes: readonly T[],
  width: number,
  build: (node: T) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const names = new Set(nodes.map((node) => node.name));
  const started = new Set<string>();
  const done = new Set<string>();
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const byPriority = longestChainFirst(nodes);
  const nextReady = () => byPriority.find((node) => !started.has(node.name) && node.refs.every((ref) => !names.has(ref) || done.has(ref)));

  for (;;) {
    for (let node = nextReady(); node && !failure && running.size < Math.max(1, width); node = nextReady()) {
      if (signal?.aborted) {
        failure = { error: signal.reason };
        break;
      }
      const current = node;
      started.add(current.name);
      const job: Promise<void> = build(current)
        .then(
          () => {
            done.add(current.name);
          },
          (error: unknown) => {
            failure ??= { error };
          },
        )
        .finally(() => running.delete(job));
      running.add(job);
    }
    if (running.size === 0) break;
    await Promise.race(running);
  }
  if (failure) throw failure.error;
}

/** The nodes sorted by the length of the longest chain of nodes below them, longest first; stable. */
function longestChainFirst<T extends DagNode>(nodes: readonly T[]): T[] {
  const readers = new Map<string, T[]>(nodes.map((node) => [node.name, []]));
  for (const node of nodes) for (const ref of node.refs) readers.get(ref)?.push(node);
  const chain = new Map<string, number>();
  const chainBelow = (node: T): number => {
    let length = chain.get(node.name);
    if (length === undefined) {
      length = 1 + Math.max(0, ...readers.get(node.name)!.map(chainBelow));
      chain.set(node.name, length);
    }
    return length;
  };
  return nodes.map((node, index) => ({ node, index, length: chainBelow(node) })).sort((a, b) => b.length - a.length || a.index - b.index).map(({ node }) => node);
}

import type { Config } from '../config/schema.js';
import type { Warehouse } from '../warehouse/types.js';
import { selectNodes } from './dag.js';
import type { ModelNode } from './model.js';
import { loadProject, type Project, type ProjectSource } from './project.js';
import { buildInDependencyOrder } from './schedule.js';

export interface ModelBuild {
  name: string;
  kind: ModelNode['kind'];
  layer: ModelNode['layer'];
  /** Null for a model materialised as a view: counting would compute it. */
  rows: number | null;
  ms: number;
}

export interface TransformSummary {
  engine: Warehouse['engine'];
  built: ModelBuild[];
  ms: number;
}

export interface TransformOptions extends ProjectSource {
  /** Selectors (`name`, `name+`, `+name`); all models when empty. */
  select?: readonly string[];
  /** Checked before each model: a stop between two atomic swaps leaves every table whole. */
  signal?: AbortSignal;
  /** Called once with the number of models to build, then after each one. */
  onStart?: (models: number) => void;
  onBuilt?: (model: ModelBuild) => void;
}

/** The models a selection picks, in dependency order. */
export function selectedNodes(project: Project, select: readonly string[] = []): ModelNode[] {
  if (select.length === 0) return project.nodes;
  const names = selectNodes(project.nodes, select);
  return project.nodes.filter((node) => names.has(node.name));
}

/**
 * Builds the selected models in dependency order, as many at once as the warehouse runs statements
 * at once (`Warehouse.concurrentStatements`). Each model replaces its table atomically; when one
 * fails nothing new starts, so it and every model not yet built keep their previous tables.
 */
export async function runTransform(warehouse: Warehouse, config: Config, options: TransformOptions = {}): Promise<TransformSummary> {
  const started = Date.now();
  const project = await loadProject(warehouse.engine, config, options);
  const nodes = selectedNodes(project, options.select);
  await checkInputs(warehouse, nodes);
  options.onStart?.(nodes.length);
  const built: ModelBuild[] = [];
  const buildOne = async (node: ModelNode) => {
    const t0 = Date.now();
    try {
      if (node.kind === 'sql' && node.doc.materialized === 'view') await warehouse.replaceView(node.name, node.sql);
      else if (node.kind === 'sql') await warehouse.replaceTable(node.name, node.sql, { orderBy: node.doc.order_by });
      else await node.build({ warehouse, config, orderBy: node.doc.order_by });
    } catch (error) {
      throw new ModelFailure(node, error as Error);
    }
    const rows = node.doc.materialized === 'view' ? null : await countRows(warehouse, node.name);
    const build = { name: node.name, kind: node.kind, layer: node.layer, rows, ms: Date.now() - t0 };
    built.push(build);
    options.onBuilt?.(build);
  };
  try {
    await buildInDependencyOrder(nodes, warehouse.concurrentStatements, buildOne, options.signal);
  } catch (error) {
    if (!(error instanceof ModelFailure)) throw error;
    const { node, cause } = error;
    const where = node.kind === 'sql' ? `models/${node.file}` : `${node.kind} ${node.name}`;
    throw new Error(
      `model ${node.name} failed (${where}): ${cause.message}\n` +
        `${built.length} model(s) were rebuilt; ${node.name} and the models not rebuilt keep their previous tables`,
    );
  }
  return { engine: warehouse.engine, built, ms: Date.now() - started };
}

class ModelFailure extends Error {
  constructor(
    readonly node: ModelNode,
    override readonly cause: Error,
  ) {
    super(cause.message);
  }
}

async function countRows(warehouse: Warehouse, table: string): Promise<number> {
  const [{ n }] = await warehouse.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(n);
}

/** Landing tables must exist, and so must models a partial selection reads without building. */
async function checkInputs(warehouse: Warehouse, nodes: readonly ModelNode[]): Promise<void> {
  const building = new Set(nodes.map((node) => node.name));
  const sources = new Set(nodes.flatMap((node) => node.sources));
  for (const table of sources) {
    if (!(await warehouse.tableExists(table))) throw new Error(`landing table ${table} does not exist (run \`scrm init\`)`);
  }
  for (const node of nodes) {
    for (const ref of node.refs) {
      if (!building.has(ref) && !(await warehouse.tableExists(ref))) {
        throw new Error(`model ${node.name} reads ${ref}, which is neither selected nor built yet (select +${node.name} to build it too)`);
      }
    }
  }
}

import type { Config } from '../config/schema.js';
import type { Warehouse } from '../warehouse/types.js';
import type { ModelDoc } from './schema-docs.js';

export const LAYERS = ['seeds', 'staging', 'intermediate', 'marts'] as const;
export type Layer = (typeof LAYERS)[number];

export interface BuildContext {
  warehouse: Warehouse;
  config: Config;
  /** The ClickHouse sort key declared for the model, if any. */
  orderBy?: readonly string[];
}

/**
 * A model computed in TypeScript rather than SQL: seeds loaded from config files, and steps SQL
 * cannot express identically on both engines (name similarity needs Levenshtein, which
 * ClickHouse 18.16 lacks). It reads its `refs` with plain queries and writes one table.
 */
export interface CodeModel {
  name: string;
  kind: 'seed' | 'program';
  layer: Layer;
  refs: readonly string[];
  build(context: BuildContext): Promise<void>;
}

interface NodeBase {
  name: string;
  layer: Layer;
  refs: string[];
  sources: string[];
  doc: ModelDoc;
}

export interface SqlNode extends NodeBase {
  kind: 'sql';
  /** The template file, relative to the models folder. */
  file: string;
  sql: string;
}

export interface CodeNode extends NodeBase {
  kind: 'seed' | 'program';
  build: CodeModel['build'];
}

export type ModelNode = SqlNode | CodeNode;

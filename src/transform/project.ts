import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import { projectPath } from '../paths.js';
import type { EngineName } from '../warehouse/types.js';
import { topologicalOrder } from './dag.js';
import { LAYERS, type CodeModel, type Layer, type ModelNode, type SqlNode } from './model.js';
import { CODE_MODELS } from './programs/index.js';
import { readSchemaFile, type ModelDoc } from './schema-docs.js';
import { SqlTemplates } from './template.js';
import { templateVars } from './vars.js';

export const MODELS_DIR = projectPath('models');

/** Where models come from: a models folder and the code models (the project's own by default). */
export interface ProjectSource {
  modelsDir?: string;
  codeModels?: readonly CodeModel[];
}

/** The models for one engine, in dependency order, with the templates that rendered them. */
export interface Project {
  engine: EngineName;
  nodes: ModelNode[];
  templates: SqlTemplates;
}

const VARIANT = /^([a-z_][a-z0-9_]*)\.(duckdb|clickhouse)\.sql$/;
const SHARED = /^([a-z_][a-z0-9_]*)\.sql$/;

/**
 * Loads every model for an engine: SQL files under models/<layer>/ (`name.sql`, or the pair
 * `name.duckdb.sql` + `name.clickhouse.sql`), the code models, and their docs from each layer's
 * schema.yml. Every model must be documented, every doc must belong to a model.
 */
export async function loadProject(engine: EngineName, config: Config, source: ProjectSource = {}): Promise<Project> {
  const { modelsDir = MODELS_DIR, codeModels = CODE_MODELS } = source;
  const templates = await SqlTemplates.create(engine, modelsDir, templateVars(config));
  const docs = readDocs(modelsDir);
  const nodes: ModelNode[] = [];
  const take = (name: string, layer: Layer): ModelDoc => {
    const doc = docs.get(name);
    if (!doc) throw new Error(`model ${name} has no entry in models/${layer}/schema.yml`);
    if (doc.layer !== layer) throw new Error(`model ${name} is in models/${layer} but documented in models/${doc.layer}/schema.yml`);
    if (nodes.some((node) => node.name === name)) throw new Error(`model ${name} is defined twice`);
    docs.delete(name);
    return doc.doc;
  };
  for (const model of codeModels) {
    nodes.push({ kind: model.kind, name: model.name, layer: model.layer, refs: [...model.refs], sources: [], doc: take(model.name, model.layer), build: model.build });
  }
  for (const layer of LAYERS) {
    for (const [name, file] of sqlFiles(modelsDir, layer, engine)) {
      const rendered = templates.renderFile(file);
      const node: SqlNode = { kind: 'sql', name, layer, file, doc: take(name, layer), ...rendered };
      nodes.push(node);
    }
  }
  const orphan = [...docs.keys()][0];
  if (orphan) throw new Error(`models/${docs.get(orphan)!.layer}/schema.yml documents ${orphan}, but there is no such model`);
  return { engine, nodes: topologicalOrder(nodes), templates };
}

function readDocs(modelsDir: string): Map<string, { layer: Layer; doc: ModelDoc }> {
  const docs = new Map<string, { layer: Layer; doc: ModelDoc }>();
  for (const layer of LAYERS) {
    const path = join(modelsDir, layer, 'schema.yml');
    if (!existsSync(path)) continue;
    for (const doc of readSchemaFile(path)) {
      if (docs.has(doc.name)) throw new Error(`${path}: model ${doc.name} is documented twice`);
      docs.set(doc.name, { layer, doc });
    }
  }
  return docs;
}

/** The SQL file of each model in a layer for this engine: the engine's variant, or the shared file. */
function sqlFiles(modelsDir: string, layer: Layer, engine: EngineName): Map<string, string> {
  const dir = join(modelsDir, layer);
  const files = new Map<string, string>();
  if (!existsSync(dir)) return files;
  const names = readdirSync(dir).sort();
  for (const file of names) {
    const variant = VARIANT.exec(file);
    const shared = SHARED.exec(file);
    if (variant) {
      const [, name, fileEngine] = variant;
      const other = `${name}.${fileEngine === 'duckdb' ? 'clickhouse' : 'duckdb'}.sql`;
      if (!names.includes(other)) throw new Error(`models/${layer}/${file} has no counterpart ${other}`);
      if (names.includes(`${name}.sql`)) throw new Error(`models/${layer}/${name}: both a shared file and engine variants`);
      if (fileEngine === engine) files.set(name, `${layer}/${file}`);
    } else if (shared) {
      files.set(shared[1], `${layer}/${file}`);
    }
  }
  return files;
}


import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { modelCard } from './model-card.js';
import { parseModel, type ChurnModel } from './model.js';

const ARTIFACT = /^churn-.+\.json$/;

export interface SavedModel {
  readonly json: string;
  readonly card: string;
}

/** Writes `churn-<version>.json` and its model card `churn-<version>.md` into `dir`. */
export function saveModel(model: ChurnModel, dir: string): SavedModel {
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `churn-${model.model_version}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(model, null, 2)}\n`);
  writeFileSync(`${base}.md`, modelCard(model));
  return { json: `${base}.json`, card: `${base}.md` };
}

export function loadModel(file: string): ChurnModel {
  if (!existsSync(file)) throw new Error(`${file}: churn model not found`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  return parseModel(json, file);
}

export function hasModel(dir: string): boolean {
  return existsSync(dir) && readdirSync(dir).some((name) => ARTIFACT.test(name));
}

/** The most recently trained artifact in `dir`. */
export function loadLatestModel(dir: string): { model: ChurnModel; file: string } {
  const files = existsSync(dir) ? readdirSync(dir).filter((name) => ARTIFACT.test(name)) : [];
  if (files.length === 0) throw new Error(`no churn model in ${dir}: run \`scrm churn train\` first`);
  const models = files.map((name) => ({ file: join(dir, name), model: loadModel(join(dir, name)) }));
  models.sort((a, b) => b.model.trained_at.localeCompare(a.model.trained_at) || b.file.localeCompare(a.file));
  return models[0];
}

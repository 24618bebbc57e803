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

interface Artifact {
  model: ChurnModel;
  file: string;
}

/**
 * The artifacts in `dir` this version can score with, and the first one it cannot (a model of an
 * older feature set, or a damaged file): those stay on disk as history but are never used.
 */
function readArtifacts(dir: string): { usable: Artifact[]; unusable: Error | null } {
  const files = existsSync(dir) ? readdirSync(dir).filter((name) => ARTIFACT.test(name)) : [];
  const usable: Artifact[] = [];
  let unusable: Error | null = null;
  for (const name of files) {
    const file = join(dir, name);
    try {
      usable.push({ file, model: loadModel(file) });
    } catch (error) {
      unusable ??= error as Error;
    }
  }
  return { usable, unusable };
}

/** Whether `dir` holds a model this version can score with. */
export function hasModel(dir: string): boolean {
  return readArtifacts(dir).usable.length > 0;
}

/** The most recently trained usable artifact in `dir`. */
export function loadLatestModel(dir: string): Artifact {
  const { usable, unusable } = readArtifacts(dir);
  if (usable.length === 0) {
    if (unusable) throw new Error(`no usable churn model in ${dir}: ${unusable.message}`);
    throw new Error(`no churn model in ${dir}: run \`scrm churn train\` first`);
  }
  usable.sort((a, b) => b.model.trained_at.localeCompare(a.model.trained_at) || b.file.localeCompare(a.file));
  return usable[0];
}

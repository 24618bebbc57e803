import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { validate as validCron } from 'node-cron';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { timezone, type Config } from '../config/schema.js';
import { projectPath } from '../paths.js';
import type { StageRegistry } from './registry.js';
import type { Stage } from './stage.js';

/** Pipeline, step and stage names: they become file names (locks) and run-log keys. */
const NAME = /^[a-z0-9][a-z0-9-]*$/;
const name = z.string().regex(NAME, 'expected lower-case letters, digits and dashes');
const EXTENSIONS = ['.yaml', '.yml', '.json'];

const stepSchema = z.union([
  name,
  z
    .object({
      stage: name,
      /** Tells two steps of the same stage apart; defaults to the stage name. */
      id: name.optional(),
      options: z.record(z.string(), z.unknown()).default({}),
    })
    .strict(),
]);

const pipelineFileSchema = z
  .object({
    name,
    description: z.string().min(1),
    /** 5-field cron (minute precision) or 6-field (seconds first); absent for pipelines run only on demand. */
    schedule: z
      .string()
      .refine((expression) => validCron(expression), { message: 'expected a cron expression such as "0 2 * * *"' })
      .optional(),
    /** IANA time zone of the schedule; the configured `timezone` when absent. */
    timezone: timezone.optional(),
    stages: z.array(stepSchema).min(1, 'a pipeline needs at least one stage'),
  })
  .strict();

export interface PipelineStep {
  id: string;
  stage: Stage;
  /** Options already validated by the stage's schema. */
  options: unknown;
}

export interface Pipeline {
  name: string;
  description: string;
  schedule?: string;
  timezone: string;
  steps: PipelineStep[];
  file: string;
}

/** A pipeline file that cannot be used; the message names the file, the line and the field. */
export class PipelineDefinitionError extends Error {
  override readonly name = 'PipelineDefinitionError';
}

/** The folder pipeline files are read from. */
export function pipelinesDir(config: Config): string {
  return config.pipelines.dir ? resolve(config.pipelines.dir) : projectPath('pipelines');
}

/** Pipeline files in a folder, by pipeline name (the file name without its extension). */
export function pipelineFiles(dir: string): Map<string, string> {
  if (!existsSync(dir)) throw new PipelineDefinitionError(`pipelines folder ${dir} does not exist (set pipelines.dir in the config)`);
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir).sort()) {
    if (!EXTENSIONS.includes(extname(entry))) continue;
    const pipeline = basename(entry, extname(entry));
    const earlier = files.get(pipeline);
    if (earlier) throw new PipelineDefinitionError(`${join(dir, entry)}: pipeline "${pipeline}" is also defined in ${earlier}`);
    files.set(pipeline, join(dir, entry));
  }
  return files;
}

/** Loads one pipeline by name from the configured folder. */
export function loadPipeline(config: Config, stages: StageRegistry, pipeline: string): Pipeline {
  const dir = pipelinesDir(config);
  const files = pipelineFiles(dir);
  const file = files.get(pipeline);
  if (!file) {
    const known = [...files.keys()].join(', ') || 'none';
    throw new PipelineDefinitionError(`no pipeline "${pipeline}" in ${dir} (there are: ${known})`);
  }
  return readPipelineFile(file, config, stages);
}

/** Loads every pipeline of the configured folder; the first invalid file stops with its error. */
export function loadPipelines(config: Config, stages: StageRegistry): Pipeline[] {
  return [...pipelineFiles(pipelinesDir(config)).values()].map((file) => readPipelineFile(file, config, stages));
}

/** Reads and validates a pipeline file: its shape, its cron expression, its stages and their options. */
export function readPipelineFile(file: string, config: Config, stages: StageRegistry): Pipeline {
  const shown = displayPath(file);
  const lines = new LineCounter();
  const document = parseDocument(readFileSync(file, 'utf8'), { lineCounter: lines, prettyErrors: false });
  if (document.errors.length) {
    const error = document.errors[0];
    throw new PipelineDefinitionError(`${shown}:${error.linePos?.[0].line ?? 1}: not valid YAML: ${error.message}`);
  }
  function fail(path: readonly PropertyKey[], message: string): never {
    const where = path.length ? `${formatPath(path)}: ` : '';
    throw new PipelineDefinitionError(`${shown}:${lineOf(document, lines, path)}: ${where}${message}`);
  }

  const parsed = pipelineFileSchema.safeParse(document.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(issue.path, issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message);
  }
  const raw = parsed.data;
  const expected = basename(file, extname(file));
  if (raw.name !== expected) fail(['name'], `"${raw.name}" does not match the file name (expected "${expected}")`);

  const seen = new Set<string>();
  const steps = raw.stages.map((entry, index): PipelineStep => {
    const step = typeof entry === 'string' ? { stage: entry, options: {} } : entry;
    const id = ('id' in step && step.id) || step.stage;
    const at = ['stages', index];
    if (seen.has(id)) fail(at, `step "${id}" appears twice; give one of them its own "id"`);
    seen.add(id);
    const stage = stages.get(step.stage);
    if (!stage) fail([...at, 'stage'], `unknown stage "${step.stage}" (registered: ${stages.names().join(', ')})`);
    const options = stage.options.safeParse(step.options);
    if (!options.success) {
      const issue = options.error.issues[0];
      const detail = issue.code === 'unrecognized_keys' ? `unknown option ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
      fail([...at, 'options', ...issue.path], detail);
    }
    return { id, stage, options: options.data };
  });

  return {
    name: raw.name,
    description: raw.description,
    schedule: raw.schedule,
    timezone: raw.timezone ?? config.timezone,
    steps,
    file,
  };
}

/** Relative to the working directory when the file is under it: shorter, and what the user typed. */
function displayPath(file: string): string {
  const path = relative(process.cwd(), file);
  return path.startsWith('..') || isAbsolute(path) ? file : path;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('');
}

/** The line of the deepest node of `path` present in the file (a missing key points at its parent). */
function lineOf(document: Document, lines: LineCounter, path: readonly PropertyKey[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = depth ? document.getIn(path.slice(0, depth) as unknown[], true) : document.contents;
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range) return lines.linePos(range[0]).line;
  }
  return 1;
}

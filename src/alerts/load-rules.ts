import { existsSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../config/load.js';
import { engineSqlCandidates, resolveConfiguredFile } from '../files.js';
import type { EngineName } from '../warehouse/types.js';
import { rulesFileSchema, type Rule, type SourceDefinition } from './rules-schema.js';

/** A bad rules file is a configuration error: the CLI says so in one line and exits with 2. */
export class RulesError extends ConfigError {}

export interface LoadedSource extends SourceDefinition {
  name: string;
  /** The query file for the engine in use. */
  sqlFile: string;
}

export interface RuleSet {
  file: string;
  sources: Map<string, LoadedSource>;
  rules: Rule[];
}

/** Reads and validates the rules file once; every error names the file and the offending key. */
export function loadRules(path: string, engine: EngineName): RuleSet {
  const file = resolveConfiguredFile(path);
  if (!existsSync(file)) throw new RulesError(`${path}: alert rules file not found`);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new RulesError(`${path}: not valid YAML: ${(error as Error).message}`);
  }
  const parsed = rulesFileSchema.safeParse(raw);
  if (!parsed.success) throw new RulesError(`${path}: ${describeIssue(parsed.error.issues[0], raw)}`);

  const sources = new Map<string, LoadedSource>();
  for (const [name, source] of Object.entries(parsed.data.sources)) {
    sources.set(name, { ...source, name, sqlFile: sourceSqlFile(path, name, source, engine) });
  }
  const seen = new Set<string>();
  parsed.data.rules.forEach((rule, index) => {
    if (seen.has(rule.id)) throw new RulesError(`${path}: rules.${index}.id: rule id "${rule.id}" is used twice`);
    seen.add(rule.id);
    if (!sources.has(rule.source)) {
      throw new RulesError(`${path}: rules.${index}.source: unknown source "${rule.source}" (declared: ${[...sources.keys()].join(', ')})`);
    }
  });
  return { file, sources, rules: parsed.data.rules };
}

function sourceSqlFile(rulesPath: string, name: string, source: SourceDefinition, engine: EngineName): string {
  if (source.sql) {
    const file = resolveConfiguredFile(source.sql);
    if (!existsSync(file)) throw new RulesError(`${rulesPath}: sources.${name}.sql: file not found: ${source.sql}`);
    return file;
  }
  const candidates = engineSqlCandidates('sql/alerts/sources', name, engine);
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new RulesError(`${rulesPath}: sources.${name}: no query file; expected one of ${candidates.join(', ')}`);
  return found;
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown): string {
  const path = issue.path.map(String);
  const where = path.length ? path.join('.') : '(top level)';
  if (issue.code === 'unrecognized_keys') return `${where}: unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  const ruleId = ruleIdAt(raw, path);
  return `${where}${ruleId ? ` (rule "${ruleId}")` : ''}: ${issue.message}`;
}

/** The id of the rule an issue is in, so the message points at it by name as well as by index. */
function ruleIdAt(raw: unknown, path: string[]): string | undefined {
  if (path[0] !== 'rules' || path.length < 2) return undefined;
  const rules = (raw as { rules?: unknown[] } | null)?.rules;
  const rule = Array.isArray(rules) ? rules[Number(path[1])] : undefined;
  const id = (rule as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

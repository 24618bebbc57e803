import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { configSchema, type Config } from './schema.js';

const DEFAULT_FILES = ['scrm.config.json', 'scrm.config.yaml', 'scrm.config.yml'];

export class ConfigError extends Error {}

export interface ConfigOverrides {
  engine?: 'duckdb' | 'clickhouse';
  warehouse?: string;
}

/**
 * Reads the config file (explicit path, or the first default file present, or none), applies
 * environment variables and command-line overrides, and validates once. Errors name the key.
 */
export function loadConfig(path?: string, overrides: ConfigOverrides = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const file = path ?? DEFAULT_FILES.find((name) => existsSync(name));
  const raw = file ? readConfigFile(file) : {};
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue.path.length ? issue.path.join('.') : '(top level)';
    const detail = issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
    throw new ConfigError(`${file}: ${key}: ${detail}`);
  }
  const config = parsed.data;
  const ch = config.clickhouse;
  ch.url = env.SCRM_CLICKHOUSE_URL ?? ch.url;
  ch.user = env.SCRM_CLICKHOUSE_USER ?? ch.user;
  ch.password = env.SCRM_CLICKHOUSE_PASSWORD ?? ch.password;
  ch.database = env.SCRM_CLICKHOUSE_DATABASE ?? ch.database;
  ch.cluster = env.SCRM_CLICKHOUSE_CLUSTER ?? ch.cluster;
  config.duckdb.path = overrides.warehouse ?? env.SCRM_WAREHOUSE ?? config.duckdb.path;
  if (overrides.engine) config.engine = overrides.engine;
  return config;
}

function readConfigFile(file: string): unknown {
  const full = resolve(file);
  if (!existsSync(full)) throw new ConfigError(`${file}: config file not found`);
  const text = readFileSync(full, 'utf8');
  try {
    return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`);
  }
}

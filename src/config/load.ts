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
  // An empty YAML file reads as null: a file with no settings.
  const raw = (file ? readConfigFile(file) : null) ?? {};
  const parsed = configSchema.safeParse(withEnvironment(raw, env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue.path.length ? issue.path.join('.') : '(top level)';
    const detail = issue.code === 'unrecognized_keys' ? `unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
    const variable = Object.entries(ENV_KEYS).find(([name, [section, field]]) => env[name] && key === `${section}.${field}`)?.[0];
    throw new ConfigError(variable ? `${variable} (${key}): ${detail}` : `${file ?? '(no config file)'}: ${key}: ${detail}`);
  }
  const config = parsed.data;
  config.duckdb.path = overrides.warehouse ?? config.duckdb.path;
  if (overrides.engine) config.engine = overrides.engine;
  return config;
}

/** Environment variables that override a config key; they are validated with the file. */
const ENV_KEYS: Record<string, [section: 'clickhouse' | 'duckdb', field: string]> = {
  SCRM_CLICKHOUSE_URL: ['clickhouse', 'url'],
  SCRM_CLICKHOUSE_USER: ['clickhouse', 'user'],
  SCRM_CLICKHOUSE_PASSWORD: ['clickhouse', 'password'],
  SCRM_CLICKHOUSE_DATABASE: ['clickhouse', 'database'],
  SCRM_CLICKHOUSE_CLUSTER: ['clickhouse', 'cluster'],
  SCRM_WAREHOUSE: ['duckdb', 'path'],
};

function withEnvironment(raw: unknown, env: NodeJS.ProcessEnv): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const merged: Record<string, unknown> = { ...raw };
  for (const [name, [section, field]] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    // An empty variable is unset, except a password, which may be empty on purpose.
    if (value === undefined || (value === '' && name !== 'SCRM_CLICKHOUSE_PASSWORD')) continue;
    const current = merged[section] ?? {};
    // A section that is not an object is left as it is, for the schema to name it.
    if (typeof current !== 'object' || current === null || Array.isArray(current)) continue;
    merged[section] = { ...current, [field]: value };
  }
  return merged;
}

function readConfigFile(file: string): unknown {
  const full = resolve(file);
  if (!existsSync(full)) throw new ConfigError(`${file}: config file not found`);
  const text = readFileSync(full, 'utf8');
  try {
    return file.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    // The YAML parser adds a code excerpt on further lines; the first line names the place.
    const reason = (error as Error).message.split('\n')[0].replace(/:$/, '');
    throw new ConfigError(`${file}: not valid ${file.endsWith('.json') ? 'JSON' : 'YAML'}: ${reason}`);
  }
}

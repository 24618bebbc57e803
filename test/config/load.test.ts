import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/load.js';

const dir = mkdtempSync(join(tmpdir(), 'scrm-config-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** The one-line message of the ConfigError `load` throws. */
function failure(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('the config was accepted');
}

describe('loadConfig', () => {
  it('gives every key a default when there is no file', () => {
    const config = loadConfig(undefined, {}, {});
    expect(config).toMatchObject({
      engine: 'duckdb',
      timezone: 'Asia/Hong_Kong',
      sla_seconds: 180,
      session_gap: 86400,
      keywords: 'config/keywords.json',
      duckdb: { path: 'data/warehouse.duckdb' },
      clickhouse: { url: 'http://127.0.0.1:8123', user: 'default', password: '', database: 'default' },
    });
  });

  it('reads YAML as well as JSON, and an empty YAML file as no settings', () => {
    const yaml = file('scrm.config.yaml', 'engine: clickhouse\nsla_seconds: 300\nclickhouse:\n  database: scrm\n');
    expect(loadConfig(yaml, {}, {})).toMatchObject({ engine: 'clickhouse', sla_seconds: 300, clickhouse: { database: 'scrm', user: 'default' } });
    expect(loadConfig(file('empty.yaml', ''), {}, {}).engine).toBe('duckdb');
  });

  it('takes the ClickHouse connection and the DuckDB file from the environment, and command-line options last', () => {
    const json = file('env.json', JSON.stringify({ clickhouse: { url: 'http://files:8123', user: 'file' }, duckdb: { path: 'file.duckdb' } }));
    const env = {
      SCRM_CLICKHOUSE_URL: 'http://env:8123',
      SCRM_CLICKHOUSE_USER: 'env_user',
      SCRM_CLICKHOUSE_PASSWORD: 's3cret',
      SCRM_CLICKHOUSE_DATABASE: 'env_db',
      SCRM_WAREHOUSE: 'env.duckdb',
    };
    const config = loadConfig(json, {}, env);
    expect(config.clickhouse).toMatchObject({ url: 'http://env:8123', user: 'env_user', password: 's3cret', database: 'env_db' });
    expect(config.duckdb.path).toBe('env.duckdb');
    const overridden = loadConfig(json, { engine: 'clickhouse', warehouse: 'cli.duckdb' }, env);
    expect(overridden).toMatchObject({ engine: 'clickhouse', duckdb: { path: 'cli.duckdb' } });
    const unset = loadConfig(json, {}, { SCRM_CLICKHOUSE_CLUSTER: '', SCRM_CLICKHOUSE_URL: '' }).clickhouse;
    expect([unset.url, unset.cluster]).toEqual(['http://files:8123', undefined]);
  });

  it.each([
    ['bad.json', '{"sla_seconds": "fast"}', 'bad.json: sla_seconds: Invalid input: expected number, received string'],
    ['nested.json', '{"clickhouse": {"url": "not a url"}}', 'nested.json: clickhouse.url: Invalid URL'],
    ['unknown.json', '{"engin": "duckdb"}', 'unknown.json: (top level): unknown key "engin"'],
    ['engine.json', '{"engine": "postgres"}', 'engine.json: engine: Invalid option: expected one of "duckdb"|"clickhouse"'],
    ['syntax.json', '{"sla_seconds": 1,', 'syntax.json: not valid JSON: '],
    ['syntax.yaml', 'sla_seconds: [1\n', 'syntax.yaml: not valid YAML: '],
  ])('%s: one line naming the file and the key', (name, text, message) => {
    const error = failure(() => loadConfig(file(name, text), {}, {}));
    expect(error.startsWith(join(dir, message))).toBe(true);
    expect(error).not.toContain('\n');
  });

  it('validates environment variables like the file, naming the variable', () => {
    expect(failure(() => loadConfig(undefined, {}, { SCRM_CLICKHOUSE_URL: 'nope' }))).toBe('SCRM_CLICKHOUSE_URL (clickhouse.url): Invalid URL');
    expect(failure(() => loadConfig(undefined, {}, { SCRM_CLICKHOUSE_DATABASE: 'a-b' }))).toBe(
      'SCRM_CLICKHOUSE_DATABASE (clickhouse.database): expected a plain database name',
    );
  });

  it('names a config file that does not exist', () => {
    expect(failure(() => loadConfig(join(dir, 'missing.json'), {}, {}))).toBe(`${join(dir, 'missing.json')}: config file not found`);
  });
});

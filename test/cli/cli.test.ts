import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it, vi } from 'vitest';
import { createProgram, runCli } from '../../src/cli/program.js';
import { runScrm as scrm } from '../harness/cli.js';
import { webhookLines } from '../ingest/webhook-fixtures.js';
import { clickhouseUrl } from '../harness/targets.js';

describe('scrm CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scrm-cli-'));

  it('initializes a DuckDB file and answers a query as JSON', async () => {
    const warehouse = join(dir, 'w.duckdb');
    expect((await scrm(['init', '--warehouse', warehouse])).code).toBe(0);
    const result = await scrm(['query', 'select 1 as x', '--format', 'json', '--warehouse', warehouse]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([{ x: 1 }]);
    const tables = await scrm(['query', "select count(*) as n from duckdb_tables() where table_name like 'raw_%'", '-w', warehouse, '-f', 'csv']);
    expect(tables.stdout.trim()).toBe('n\n6');
  });

  it('works against the ClickHouse server with --engine clickhouse', async () => {
    const env = { SCRM_CLICKHOUSE_URL: clickhouseUrl(), SCRM_CLICKHOUSE_DATABASE: 'default' };
    expect((await scrm(['--engine', 'clickhouse', 'init'], env)).code).toBe(0);
    const result = await scrm(['--engine', 'clickhouse', 'query', 'select 1 as x', '--format', 'json'], env);
    expect(JSON.parse(result.stdout)).toEqual([{ x: 1 }]);
  });

  it('says plainly when ClickHouse does not answer', async () => {
    const result = await scrm(['-e', 'clickhouse', 'query', 'select 1'], { SCRM_CLICKHOUSE_URL: 'http://127.0.0.1:9' });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/ClickHouse at http:\/\/127\.0\.0\.1:9 does not answer/);
  });

  it('says how to create a ClickHouse database that does not exist, for every command that needs it', async () => {
    const env = { SCRM_CLICKHOUSE_URL: clickhouseUrl(), SCRM_CLICKHOUSE_DATABASE: `missing_${process.pid}` };
    for (const args of [['query', 'select 1'], ['runs'], ['alert']]) {
      const result = await scrm(['-e', 'clickhouse', ...args], env);
      expect(result.code, args.join(' ')).toBe(4);
      expect(result.stderr).toBe(
        `scrm: ClickHouse at ${clickhouseUrl()} has no database missing_${process.pid}: run \`scrm --engine clickhouse init\` to create it (or point clickhouse.database or SCRM_CLICKHOUSE_DATABASE at an existing one)\n`,
      );
    }
    // The advice works.
    expect((await scrm(['-e', 'clickhouse', 'init'], env)).code).toBe(0);
    expect(await scrm(['-e', 'clickhouse', 'runs'], env)).toMatchObject({ code: 0, stdout: 'no runs yet (`scrm run <pipeline>` starts one)\n' });
    // A query naming some other missing database is the query's mistake: its own error, exit 1.
    const other = await scrm(['-e', 'clickhouse', 'query', 'select * from no_such_db.t'], { ...env, SCRM_CLICKHOUSE_DATABASE: 'default' });
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/no_such_db/);
    expect(other.stderr).not.toMatch(/scrm --engine clickhouse init/);
  });

  it('gives one clear line naming the bad config key, and a non-zero exit', async () => {
    const config = join(dir, 'bad.json');
    writeFileSync(config, JSON.stringify({ sla_seconds: 'fast', clickhouse: { url: 'not a url' } }));
    const result = await scrm(['--config', config, 'init']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`scrm: config error: ${config}: sla_seconds: Invalid input: expected number, received string`);

    writeFileSync(config, JSON.stringify({ timezone: 'Mars/Olympus' }));
    expect((await scrm(['--config', config, 'init'])).stderr).toMatch(/timezone: expected an IANA time zone/);
    writeFileSync(config, JSON.stringify({ duckdb: { paht: 'x' } }));
    expect((await scrm(['--config', config, 'init'])).stderr).toMatch(/duckdb: unknown key "paht"/);
  });

  it('builds the models from any working directory, with the shipped dictionaries', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'scrm-cli-cwd-'));
    expect((await scrm(['init'], {}, elsewhere)).code).toBe(0);
    const transform = await scrm(['transform'], {}, elsewhere);
    expect(transform.stderr).toBe('');
    expect(transform.code).toBe(0);
    const keywords = await scrm(['query', 'select count(*) as n from seed_keywords', '-f', 'json'], {}, elsewhere);
    expect(JSON.parse(keywords.stdout)[0].n).toBeGreaterThan(10);
    // Large enough for the parse workers, which load the project's TypeScript from there too.
    const webhooks = join(elsewhere, 'webhooks.ndjson');
    writeFileSync(webhooks, [...webhookLines(20_000)].join('\n') + '\n');
    expect(statSync(webhooks).size).toBeGreaterThan(8 * 1024 * 1024);
    const ingested = await scrm(['ingest', 'whatsapp', webhooks], {}, elsewhere);
    expect(ingested.stdout).toMatch(/20000 loaded, 0 duplicate, 0 rejected/);
  });

  it('prints --help for a command from the installed bin, and lists every command in scrm --help', async () => {
    const top = await scrm(['--help']);
    expect(top.code).toBe(0);
    for (const command of createProgram().commands) expect(top.stdout).toMatch(new RegExp(`^  ${command.name()}\\b`, 'm'));
    for (const command of ['init', 'query']) {
      const result = await scrm([command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: scrm ${command}`);
    }
  });

  it('accepts the global options after the command too', async () => {
    const env = { SCRM_CLICKHOUSE_URL: clickhouseUrl(), SCRM_CLICKHOUSE_DATABASE: 'default' };
    const result = await scrm(['query', 'select 1 as x', '--format', 'json', '--engine', 'clickhouse'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([{ x: 1 }]);
  });
});

/** Every command and subcommand path, e.g. ['churn', 'train'], read from the real program. */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((child) => [[...prefix, child.name()], ...commandPaths(child, [...prefix, child.name()])]);
}

describe('scrm --help', () => {
  const paths = commandPaths(createProgram());

  it('finds the commands', () => {
    expect(paths.map((path) => path.join(' '))).toEqual(expect.arrayContaining(['init', 'query', 'demo', 'generate', 'churn train', 'churn score']));
  });

  it.each(paths.map((path) => [path.join(' '), path]))('%s --help: usage, a description and the global options', async (name, path) => {
    const output: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((text) => output.push(String(text)) > 0);
    try {
      expect(await runCli(['node', 'scrm', ...path, '--help'])).toBe(0);
    } finally {
      write.mockRestore();
    }
    const help = output.join('');
    expect(help).toContain(`Usage: scrm ${name}`);
    expect(help.split('\n')[2].trim().length, 'description').toBeGreaterThan(10);
    for (const option of ['--engine <engine>', '--config <file>', '--warehouse <path>']) expect(help).toContain(option);
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Config } from '../../src/config/schema.js';
import { loadConfig } from '../../src/config/load.js';
import type { RunEvent, RunReporter } from '../../src/pipelines/runner.js';
import { DuckDBWarehouse } from '../../src/warehouse/duckdb.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';

const ENTRY = join(process.cwd(), 'test', 'pipelines', 'fixtures', 'scrm.ts');

/** A folder with its own config, pipelines, locks and (for DuckDB) warehouse file. */
export class Workspace {
  readonly dir = mkdtempSync(join(tmpdir(), 'scrm-pipelines-'));
  readonly pipelinesDir = join(this.dir, 'pipelines');
  readonly locksDir = join(this.dir, 'locks');
  readonly warehousePath = join(this.dir, 'warehouse.duckdb');
  readonly configFile = join(this.dir, 'scrm.config.json');

  constructor(extra: Record<string, unknown> = {}) {
    mkdirSync(this.pipelinesDir);
    writeFileSync(
      this.configFile,
      JSON.stringify({ duckdb: { path: this.warehousePath }, pipelines: { dir: this.pipelinesDir, locks_dir: this.locksDir }, ...extra }),
    );
  }

  config(): Config {
    return loadConfig(this.configFile, {}, {});
  }

  /** A path the test creates to let a waiting test stage go on. */
  gate(name: string): string {
    return join(this.dir, `${name}.gate`);
  }

  /** Lets every test stage waiting on `gate(name)` go on. */
  release(name: string): void {
    writeFileSync(this.gate(name), '');
  }

  lockFile(pipeline: string): string {
    return join(this.locksDir, `${pipeline}.lock`);
  }

  writePipeline(name: string, definition: Record<string, unknown>): void {
    writeFileSync(join(this.pipelinesDir, `${name}.yaml`), stringify({ name, description: `test pipeline ${name}`, ...definition }));
  }

  /** Creates the DuckDB warehouse with its landing tables, in this process (faster than `scrm init`). */
  async initDuckDB(): Promise<void> {
    const warehouse = await DuckDBWarehouse.open({ path: this.warehousePath });
    await initWarehouse(warehouse);
    await warehouse.close();
  }

  /** Opens the DuckDB warehouse once no child process holds it. */
  async withDuckDB<T>(work: (warehouse: Warehouse) => Promise<T>): Promise<T> {
    const warehouse = await DuckDBWarehouse.open({ path: this.warehousePath });
    try {
      return await work(warehouse);
    } finally {
      await warehouse.close();
    }
  }
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** `scrm` (with the test stages) as a real child process. */
export class ScrmProcess {
  readonly child: ChildProcess;
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;

  constructor(workspace: Workspace, args: string[], env: Record<string, string> = {}) {
    const inherited = { ...process.env };
    delete inherited.NO_COLOR;
    delete inherited.FORCE_COLOR;
    this.child = spawn(process.execPath, ['--import', 'tsx', ENTRY, '--config', workspace.configFile, ...args], {
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  /** Resolves when stdout or stderr matches; fails if the process ends first or nothing comes in time. */
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let ended = false;
    void this.exited.then(() => (ended = true));
    while (!pattern.test(this.stdout) && !pattern.test(this.stderr)) {
      if (ended || Date.now() > deadline) {
        throw new Error(`scrm ${ended ? 'exited' : 'timed out'} before printing ${pattern}\nstdout: ${this.stdout}\nstderr: ${this.stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async result(): Promise<Exit & { stdout: string; stderr: string }> {
    const exit = await this.exited;
    return { ...exit, stdout: this.stdout, stderr: this.stderr };
  }
}

export function scrm(workspace: Workspace, args: string[], env: Record<string, string> = {}): Promise<Exit & { stdout: string; stderr: string }> {
  return new ScrmProcess(workspace, args, env).result();
}

/** Collects what a run reports, for in-process runs. */
export class RecordingReporter implements RunReporter {
  readonly events: RunEvent[] = [];
  readonly messages: string[] = [];

  event(event: RunEvent): void {
    this.events.push(event);
  }

  console(_pipeline: string, step: string) {
    return {
      log: { info: (m: string) => this.messages.push(`${step}: ${m}`), warn: (m: string) => this.messages.push(`${step}: ${m}`) },
      progress: { start: () => {}, advance: () => {}, finish: () => {} },
    };
  }
}

/** A warehouse the runner may "close" without closing it: an in-memory DuckDB would lose its data. */
export function borrowed(warehouse: Warehouse): Warehouse {
  return Object.create(warehouse, { close: { value: async () => {} } }) as Warehouse;
}

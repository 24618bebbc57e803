import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

const SERVER_BINARY = process.env.SCRM_CLICKHOUSE_SERVER_BIN ?? '/usr/sbin/clickhouse-server';

export interface RunningClickHouse {
  url: string;
  httpPort: number;
  tcpPort: number;
  dir: string;
  /** The server process, whose peak memory the benchmark reads from /proc. */
  pid: number;
  stop(): Promise<void>;
}

export interface ClickHouseServerOptions {
  /** Fixed ports, when other servers must know them in advance (a cluster); free ports otherwise. */
  httpPort?: number;
  tcpPort?: number;
  /** Extra XML placed inside <yandex>, e.g. remote_servers for a cluster. */
  extraConfig?: string;
  /** Users beyond `default`, as XML inside <users>. */
  extraUsers?: string;
  /** Whole files for the server's config.d/ folder (merged into the config: profiles, users, …). */
  configFiles?: Record<string, string>;
}

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a real clickhouse-server process (Debian's 18.16 package) with its own config and data
 * folder on free ports of 127.0.0.1, and waits until it answers. Used by the test harness and
 * the benchmark, never by the pipeline itself.
 */
export async function startClickHouse(options: ClickHouseServerOptions = {}): Promise<RunningClickHouse> {
  if (!existsSync(SERVER_BINARY)) {
    throw new Error(
      `ClickHouse server not found at ${SERVER_BINARY}. Install it with: apt-get update && apt-get install -y clickhouse-server`,
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'scrm-clickhouse-'));
  const httpPort = options.httpPort ?? (await freePort());
  const tcpPort = options.tcpPort ?? (await freePort());
  const interserverPort = await freePort();
  writeFileSync(join(dir, 'config.xml'), serverConfig(dir, httpPort, tcpPort, interserverPort, options));
  mkdirSync(join(dir, 'config.d'));
  for (const [name, content] of Object.entries(options.configFiles ?? {})) writeFileSync(join(dir, 'config.d', name), content);
  const child = spawn(SERVER_BINARY, [`--config-file=${join(dir, 'config.xml')}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${httpPort}`;
  try {
    await waitUntilAnswering(url, child, () => stderr);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return { url, httpPort, tcpPort, dir, pid: child.pid!, stop: () => stopServer(child, dir) };
}

async function waitUntilAnswering(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`clickhouse-server exited with code ${child.exitCode}: ${stderr()}`);
    try {
      const response = await fetch(`${url}/?query=SELECT%201`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`clickhouse-server did not answer on ${url} within 60 s: ${stderr()}`);
}

async function stopServer(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(dir, { recursive: true, force: true });
}

/**
 * max_threads is set to the CPUs this process may use: left to itself, 18.16 counts physical cores
 * through CPUID and has taken 1 on a 2-vCPU virtual machine, so every query ran on one thread (the
 * 10 M bench DAG: 199 s, against 142–158 s with two; docs/model-performance.md).
 */
function serverConfig(dir: string, httpPort: number, tcpPort: number, interserverPort: number, options: ClickHouseServerOptions): string {
  return `<?xml version="1.0"?>
<yandex>
  <logger><level>warning</level><log>${dir}/server.log</log><errorlog>${dir}/error.log</errorlog><console>0</console></logger>
  <http_port>${httpPort}</http_port>
  <tcp_port>${tcpPort}</tcp_port>
  <interserver_http_port>${interserverPort}</interserver_http_port>
  <interserver_http_host>127.0.0.1</interserver_http_host>
  <listen_host>127.0.0.1</listen_host>
  <path>${dir}/data/</path>
  <tmp_path>${dir}/data/tmp/</tmp_path>
  <user_files_path>${dir}/data/user_files/</user_files_path>
  <format_schema_path>${dir}/data/format_schemas/</format_schema_path>
  <mark_cache_size>268435456</mark_cache_size>
  <max_concurrent_queries>100</max_concurrent_queries>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <timezone>UTC</timezone>
  <users>
    <default><password></password><networks><ip>127.0.0.1</ip></networks><profile>default</profile><quota>default</quota></default>
    ${options.extraUsers ?? ''}
  </users>
  <profiles>
    <default><max_memory_usage>8000000000</max_memory_usage><max_threads>${availableParallelism()}</max_threads></default>
    <readonly><readonly>1</readonly></readonly>
  </profiles>
  <quotas><default></default></quotas>
  ${options.extraConfig ?? ''}
</yandex>
`;
}

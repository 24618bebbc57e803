import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../src/warehouse/clickhouse/local-server.js';

const ZOOKEEPER_JAR = '/usr/share/java/zookeeper.jar';

export interface RunningZooKeeper {
  port: number;
  stop(): Promise<void>;
}

/**
 * Starts a standalone ZooKeeper (Debian's `zookeeper` package) on a free port of 127.0.0.1.
 * ClickHouse 18.16 needs it for distributed DDL (`ON CLUSTER`).
 */
export async function startZooKeeper(): Promise<RunningZooKeeper> {
  if (!existsSync(ZOOKEEPER_JAR)) {
    throw new Error(`ZooKeeper not found at ${ZOOKEEPER_JAR}. Install it with: apt-get update && apt-get install -y zookeeper`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'scrm-zookeeper-'));
  const port = await freePort();
  const config = join(dir, 'zoo.cfg');
  writeFileSync(config, `tickTime=2000\ndataDir=${dir}/data\nclientPort=${port}\nclientPortAddress=127.0.0.1\nadmin.enableServer=false\n4lw.commands.whitelist=srvr\n`);
  const child = spawn(
    'java',
    ['-Xmx256m', '-cp', `/etc/zookeeper/conf:${ZOOKEEPER_JAR}`, 'org.apache.zookeeper.server.ZooKeeperServerMain', config],
    { stdio: 'ignore' },
  );
  await waitForPort(port, child);
  return {
    port,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits until ZooKeeper reports that it serves: an open port, or even `ruok`, comes earlier, and a ClickHouse 18.16 that meets a not-yet-serving ZooKeeper can crash on its first distributed DDL. */
async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`ZooKeeper exited with code ${child.exitCode}`);
    if ((await fourLetterWord(port, 'srvr')).includes('Mode: standalone')) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`ZooKeeper did not answer on 127.0.0.1:${port} within 30 s`);
}

function fourLetterWord(port: number, word: string): Promise<string> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => socket.write(word));
    socket.setTimeout(1000, () => socket.destroy());
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.once('close', () => resolve(answer));
    socket.once('error', () => resolve(''));
  });
}

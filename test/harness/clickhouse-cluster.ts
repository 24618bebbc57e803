import { freePort, startClickHouse, type RunningClickHouse } from '../../src/warehouse/clickhouse/local-server.js';
import { startZooKeeper } from './zookeeper.js';

export const CLUSTER_NAME = 'scrm_cluster';

export interface RunningCluster {
  /** The node the pipeline talks to; any node can coordinate. */
  url: string;
  shards: RunningClickHouse[];
  stop(): Promise<void>;
}

/**
 * Starts a two-shard ClickHouse 18.16 cluster on 127.0.0.1: one server process per shard, both
 * knowing the cluster layout, with ZooKeeper for `ON CLUSTER` DDL.
 */
export async function startClickHouseCluster(shardCount = 2, extraUsers = ''): Promise<RunningCluster> {
  const zookeeper = await startZooKeeper();
  const ports = await Promise.all(Array.from({ length: shardCount }, async () => ({ httpPort: await freePort(), tcpPort: await freePort() })));
  const remoteServers = `<remote_servers><${CLUSTER_NAME}>${ports
    .map((p) => `<shard><replica><host>127.0.0.1</host><port>${p.tcpPort}</port></replica></shard>`)
    .join('')}</${CLUSTER_NAME}></remote_servers>`;
  const extraConfig = `${remoteServers}
  <zookeeper><node><host>127.0.0.1</host><port>${zookeeper.port}</port></node></zookeeper>
  <distributed_ddl><path>/clickhouse/task_queue/ddl</path></distributed_ddl>`;
  const shards: RunningClickHouse[] = [];
  try {
    for (const p of ports) shards.push(await startClickHouse({ ...p, extraConfig, extraUsers }));
  } catch (error) {
    await Promise.all(shards.map((s) => s.stop()));
    await zookeeper.stop();
    throw error;
  }
  return {
    url: shards[0].url,
    shards,
    stop: async () => {
      await Promise.all(shards.map((s) => s.stop()));
      await zookeeper.stop();
    },
  };
}

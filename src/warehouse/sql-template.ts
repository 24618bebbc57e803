import nunjucks from 'nunjucks';
import { assertIdentifier } from './identifiers.js';

/** Where the landing tables live: one server, or a ClickHouse cluster with local tables per shard. */
export interface Topology {
  cluster?: string;
  database?: string;
}

const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });

/**
 * Renders an engine SQL file (`sql/<engine>/*.sql`) for a single server or a cluster. Macros:
 * - `create_table('x')`: `CREATE TABLE IF NOT EXISTS x`, or the per-shard `db.x_local ON CLUSTER c`;
 * - `every_shard('x')`: the table to ALTER: `x`, or `db.x_local ON CLUSTER c`;
 * - `distributed('x', key)`: nothing, or the Distributed table `x` over `x_local` sharded by `key`.
 * Distributed DDL runs on each host in that host's default database, so cluster names are qualified.
 */
export function renderEngineSql(template: string, { cluster, database }: Topology, values: Record<string, unknown> = {}): string {
  if (cluster) {
    assertIdentifier(cluster);
    if (!database) throw new Error('cluster mode needs the database name');
    assertIdentifier(database);
  }
  const everyShard = (name: string) =>
    cluster ? `${database}.${assertIdentifier(name)}_local ON CLUSTER ${cluster}` : assertIdentifier(name);
  return render(
    template,
    everyShard,
    (name: string, shardingKey: string) =>
      cluster
        ? `CREATE TABLE IF NOT EXISTS ${database}.${name} ON CLUSTER ${cluster} AS ${database}.${name}_local ` +
          `ENGINE = Distributed(${cluster}, ${database}, ${name}_local, ${shardingKey});`
        : '',
    values,
  );
}

/**
 * Renders an engine SQL file as for one server, every table in `database` under a name starting
 * with `prefix`: how `scrm init` creates the current definition beside an older warehouse's tables
 * (on ClickHouse) to compare them, with no right beyond the tables of its own database.
 */
export function renderWithPrefix(template: string, database: string, prefix: string): string {
  assertIdentifier(database);
  return render(template, (name) => `${database}.${assertIdentifier(prefix + name)}`, () => '');
}

/** Renders a plain engine SQL file (no table macros) with `values`. */
export function renderSql(template: string, values: Record<string, unknown>): string {
  return env.renderString(template, values);
}

function render(
  template: string,
  everyShard: (name: string) => string,
  distributed: (name: string, shardingKey: string) => string,
  values: Record<string, unknown> = {},
): string {
  return env.renderString(template, {
    ...values,
    create_table: (name: string) => `CREATE TABLE IF NOT EXISTS ${everyShard(name)}`,
    every_shard: everyShard,
    distributed,
  });
}

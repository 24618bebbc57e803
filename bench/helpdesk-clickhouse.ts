import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { sqlLiteral } from '../src/transform/literal.js';
import { withClickHouse } from './clickhouse.js';
import { answered, clickhouseUrl } from './flattened.js';
import { assertSameAnswers, helpdeskValues, timeKpiQueries, type HelpdeskTimings, type KpiAnswers } from './kpi-queries.js';
import { processCpu, round, timed } from './measure.js';
import { benchStatements } from './sql.js';

/** The table each landing CSV file lands in (bench/helpdesk/clickhouse/schema.sql). */
const TABLES: Record<string, string> = { messages_file: 'message_deliveries', orders_file: 'order_versions', contacts_file: 'contacts', keywords_file: 'keywords' };

/**
 * The Postgres baseline's helpdesk tables on a ClickHouse 18.16 server of the bench's own (the same
 * CSV files streamed over HTTP, deduplicated as Postgres does), the KPI queries in ClickHouse's
 * formulation (bench/helpdesk/clickhouse/*.sql: arrays where Postgres uses windows and range
 * joins) timed as on Postgres, and their answers checked against Postgres's.
 */
export async function benchHelpdeskClickHouse(files: Record<string, string>, postgres: KpiAnswers, runs: number): Promise<HelpdeskTimings & { serverPeakRssMb: number }> {
  return withClickHouse(async (clickhouse) => {
    const warehouse = await clickhouse.freshWarehouse();
    try {
      const values = helpdeskValues((text) => sqlLiteral('clickhouse', text), files);
      const load = await timed(async () => {
        for (const statement of benchStatements('helpdesk/clickhouse/schema')) await warehouse.exec(statement);
        for (const [key, table] of Object.entries(TABLES)) {
          const [statement] = benchStatements('helpdesk/clickhouse/insert-csv', { table });
          const body = Readable.toWeb(createReadStream(files[key])) as ReadableStream;
          await answered(await fetch(clickhouseUrl(clickhouse, statement), { method: 'POST', body, duplex: 'half' } as RequestInit));
        }
        for (const statement of benchStatements('helpdesk/clickhouse/load', values)) await warehouse.exec(statement);
      });
      const before = processCpu(clickhouse.server.pid).own;
      const timings = await timeKpiQueries(runs, async (name) => {
        const [statement] = benchStatements(`helpdesk/clickhouse/${name}`, values);
        return warehouse.query(statement);
      });
      const cpuSeconds = round(processCpu(clickhouse.server.pid).own - before, 2);
      assertSameAnswers(['ClickHouse', timings.answers], ['Postgres', postgres]);
      return { ...timings, loadSeconds: round(load.seconds), cpuSeconds, serverPeakRssMb: clickhouse.peakRssMb() };
    } finally {
      await warehouse.close();
    }
  });
}

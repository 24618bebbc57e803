import { Session } from 'chdb';
import { FORMAT_SETTINGS, type ClickHouseDriver } from '../../src/warehouse/clickhouse/driver.js';
import type { EncodedRows, Row } from '../../src/warehouse/types.js';

/**
 * The current ClickHouse engine (26.x) embedded in-process by chdb: the same ClickHouse SQL the
 * HTTP driver sends to a server, so our SQL is checked on old and current releases alike.
 */
export class ChdbDriver implements ClickHouseDriver {
  private readonly session: Session;

  constructor(database: string) {
    this.session = new Session();
    for (const [key, value] of Object.entries(FORMAT_SETTINGS)) this.session.query(`SET ${key} = ${value}`);
    this.session.query(`CREATE DATABASE IF NOT EXISTS ${database}`);
    this.session.query(`USE ${database}`);
  }

  async command(sql: string): Promise<void> {
    this.session.query(sql, 'CSV');
  }

  async select(sql: string): Promise<Row[]> {
    const text = this.session.query(sql, 'JSONEachRow');
    return text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Row);
  }

  async insertJsonRows(table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
    const body = rows.map((row) => JSON.stringify(row)).join('\n');
    this.session.query(`INSERT INTO ${table} FORMAT JSONEachRow\n${body}`, 'CSV');
  }

  async insertTsvLines(table: string, columns: readonly string[], lines: readonly EncodedRows[]): Promise<void> {
    const text = lines.map((line) => (typeof line === 'string' ? line : Buffer.from(line.buffer, line.byteOffset, line.byteLength).toString('utf8')));
    this.session.query(`INSERT INTO ${table} (${columns.join(', ')}) FORMAT TabSeparated\n${text.join('\n')}\n`, 'CSV');
  }

  async close(): Promise<void> {
    this.session.cleanup();
  }
}

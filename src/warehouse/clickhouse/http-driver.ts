import { createClient, ClickHouseLogLevel, type ClickHouseClient } from '@clickhouse/client';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { WarehouseUnavailableError } from '../errors.js';
import { linePieces } from '../line-pieces.js';
import type { EncodedRows, Row } from '../types.js';
import { FORMAT_SETTINGS, type ClickHouseDriver } from './driver.js';

export interface ClickHouseHttpOptions {
  url: string;
  user: string;
  password: string;
  database: string;
  requestTimeoutMs?: number;
  /** Extra server settings for every request (cluster mode: synchronous distributed inserts; config clickhouse.max_threads). */
  settings?: Record<string, string | number>;
}

/** A ClickHouse server over HTTP with the official client. */
export class ClickHouseHttpDriver implements ClickHouseDriver {
  private readonly client: ClickHouseClient;

  constructor(private readonly options: ClickHouseHttpOptions) {
    this.client = createClient({
      url: options.url,
      username: options.user,
      password: options.password,
      database: options.database,
      request_timeout: options.requestTimeoutMs ?? 300_000,
      clickhouse_settings: { ...FORMAT_SETTINGS, ...options.settings },
      // Errors are rethrown with context by the warehouse; the client's own log would print them twice.
      log: { level: ClickHouseLogLevel.OFF },
    });
  }

  async command(sql: string): Promise<void> {
    await this.run(() => this.client.command({ query: sql }));
  }

  async select(sql: string): Promise<Row[]> {
    return this.run(async () => {
      const result = await this.client.query({ query: sql, format: 'JSONEachRow' });
      return result.json<Row>();
    });
  }

  async insertJsonRows(table: string, rows: readonly Record<string, unknown>[]): Promise<void> {
    await this.run(() => this.client.insert({ table, values: rows as Record<string, unknown>[], format: 'JSONEachRow' }));
  }

  async insertTsvLines(table: string, columns: readonly string[], lines: readonly EncodedRows[]): Promise<void> {
    await this.run(async () => {
      const result = await this.client.exec({ query: `INSERT INTO ${table} (${columns.join(', ')}) FORMAT TabSeparated`, values: Readable.from(linePieces(lines)) });
      result.stream.resume();
      await finished(result.stream);
    });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** Turns connection failures and a missing database into a sentence that names the URL and what to do. */
  private async run<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ECONNRESET' || code === 'EHOSTUNREACH') {
        throw new WarehouseUnavailableError(`ClickHouse at ${this.options.url} does not answer (${code}); check clickhouse.url or SCRM_CLICKHOUSE_URL`);
      }
      if (this.isOwnDatabaseMissing(error as Error)) {
        throw new WarehouseUnavailableError(
          `ClickHouse at ${this.options.url} has no database ${this.options.database}: run \`scrm --engine clickhouse init\` to create it (or point clickhouse.database or SCRM_CLICKHOUSE_DATABASE at an existing one)`,
        );
      }
      throw error;
    }
  }

  /**
   * UNKNOWN_DATABASE (code 81) about the configured database, not one a query names. 18.16's answer
   * has no "(TYPE)" suffix, so the client leaves it a plain Error whose message starts with the code.
   */
  private isOwnDatabaseMissing(error: Error): boolean {
    const unknownDatabase = (error as { code?: unknown }).code === '81' || /^Code: 81\b/.test(error.message);
    const database = this.options.database;
    return unknownDatabase && [`Database ${database} `, `Database \`${database}\` `].some((named) => error.message.includes(named));
  }
}

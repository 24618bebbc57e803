import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBTypeId,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBTimestampValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampSecondsValue,
  listValue,
  timestampValue,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { missingTableError } from './errors.js';
import { assertIdentifier } from './identifiers.js';
import { rewritePlaceholders } from './placeholders.js';
import { splitScript } from './script.js';
import type { InsertRow, Params, ReplaceOptions, Row, SqlValue, Warehouse } from './types.js';

/** DuckDB's standard vector size: one data chunk holds at most this many rows. */
const CHUNK_ROWS = 2048;

export interface DuckDBOptions {
  /** A file path, or ':memory:'. */
  path: string;
  threads?: number;
}

export class DuckDBWarehouse implements Warehouse {
  readonly engine = 'duckdb' as const;
  private readonly columnCache = new Map<string, string[]>();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  static async open(options: DuckDBOptions): Promise<DuckDBWarehouse> {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    const settings: Record<string, string> = {};
    if (options.threads) settings.threads = String(options.threads);
    const instance = await DuckDBInstance.create(options.path, settings);
    const connection = await instance.connect();
    // Local dates, weekdays and hours are always derived from epoch ms with an explicit zone,
    // so the session zone is pinned to UTC to keep timestamp columns unambiguous.
    await connection.run("SET TimeZone = 'UTC'");
    return new DuckDBWarehouse(instance, connection);
  }

  async exec(sql: string, params?: Params): Promise<void> {
    const [text, values] = bind(sql, params);
    await this.connection.run(text, values);
  }

  async execScript(sql: string): Promise<void> {
    for (const statement of splitScript(sql)) await this.connection.run(statement);
    this.columnCache.clear();
  }

  async query<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    const [text, values] = bind(sql, params);
    const reader = await this.connection.runAndReadAll(text, values);
    const names = reader.columnNames();
    const columns = reader.getColumns();
    const rows: T[] = [];
    for (let r = 0; r < reader.currentRowCount; r++) {
      const row: Row = {};
      for (let c = 0; c < names.length; c++) row[names[c]] = fromDuckDB(columns[c][r]);
      rows.push(row as T);
    }
    return rows;
  }

  async insert(table: string, rows: readonly InsertRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const names = await this.columns(table);
    const appender = await this.connection.createAppender(assertIdentifier(table));
    try {
      const types: DuckDBType[] = names.map((_, i) => appender.columnType(i));
      for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        const slice = rows.slice(start, start + CHUNK_ROWS);
        const chunk = DuckDBDataChunk.create(types, slice.length);
        for (let c = 0; c < names.length; c++) {
          const name = names[c];
          const type = types[c];
          chunk.setColumnValues(c, slice.map((row) => toDuckDB(row[name], type, table, name)));
        }
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
    } finally {
      appender.closeSync();
    }
    return rows.length;
  }

  async replaceTable(table: string, selectSql: string, _options?: ReplaceOptions): Promise<void> {
    const target = assertIdentifier(table);
    const building = `${target}__building`;
    await this.connection.run(`CREATE OR REPLACE TABLE ${building} AS ${selectSql}`);
    await this.connection.run('BEGIN TRANSACTION');
    try {
      await this.connection.run(`DROP TABLE IF EXISTS ${target}`);
      await this.connection.run(`ALTER TABLE ${building} RENAME TO ${target}`);
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    }
    this.columnCache.delete(target);
  }

  async tableExists(table: string): Promise<boolean> {
    const rows = await this.query('SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = {t}', { t: assertIdentifier(table) });
    return Number(rows[0].n) > 0;
  }

  async columns(table: string): Promise<string[]> {
    const cached = this.columnCache.get(table);
    if (cached) return cached;
    const rows = await this.query<{ column_name: string }>(
      'SELECT column_name FROM duckdb_columns() WHERE table_name = {t} ORDER BY column_index',
      { t: assertIdentifier(table) },
    );
    if (rows.length === 0) throw missingTableError(table);
    const names = rows.map((r) => r.column_name);
    this.columnCache.set(table, names);
    return names;
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function bind(sql: string, params?: Params): [string, Record<string, DuckDBValue> | undefined] {
  if (!params) return [sql, undefined];
  const values: Record<string, DuckDBValue> = {};
  const text = rewritePlaceholders(sql, params, (name, value) => {
    values[name] = bindValue(value);
    return `$${name}`;
  });
  return [text, values];
}

function bindValue(value: SqlValue): DuckDBValue {
  if (value instanceof Date) return timestampValue(BigInt(value.getTime()) * 1000n);
  if (Array.isArray(value)) return listValue(value.map(bindValue));
  return value as DuckDBValue;
}

/** Converts a JS value to the DuckDB value for a column, naming the column when it cannot. */
function toDuckDB(value: unknown, type: DuckDBType, table: string, column: string): DuckDBValue {
  if (value === null || value === undefined) return null;
  try {
    switch (type.typeId) {
      case DuckDBTypeId.BIGINT:
      case DuckDBTypeId.UBIGINT:
      case DuckDBTypeId.HUGEINT:
        return typeof value === 'bigint' ? value : BigInt(Math.trunc(Number(value)));
      case DuckDBTypeId.INTEGER:
      case DuckDBTypeId.SMALLINT:
      case DuckDBTypeId.TINYINT:
      case DuckDBTypeId.UINTEGER:
      case DuckDBTypeId.USMALLINT:
      case DuckDBTypeId.UTINYINT:
      case DuckDBTypeId.DOUBLE:
      case DuckDBTypeId.FLOAT:
        return Number(value);
      case DuckDBTypeId.BOOLEAN:
        return Boolean(value);
      case DuckDBTypeId.TIMESTAMP:
        return timestampValue(BigInt(Math.trunc(epochMs(value))) * 1000n);
      case DuckDBTypeId.LIST:
        return listValue((value as unknown[]).map((item) => toDuckDB(item, type.valueType, table, column)));
      case DuckDBTypeId.VARCHAR:
        return typeof value === 'string' ? value : JSON.stringify(value);
      default:
        return value as DuckDBValue;
    }
  } catch (error) {
    throw new Error(`cannot store ${JSON.stringify(value)} in ${table}.${column} (${type.toString()}): ${(error as Error).message}`);
  }
}

function epochMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value);
  const parsed = Date.parse(String(value));
  if (Number.isNaN(parsed)) throw new Error('not a time');
  return parsed;
}

/** Maps DuckDB result values to the engine-neutral `Row` types. */
function fromDuckDB(value: DuckDBValue): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof DuckDBListValue) return value.items.map(fromDuckDB);
  if (value instanceof DuckDBDecimalValue) return value.toDouble();
  if (
    value instanceof DuckDBTimestampValue ||
    value instanceof DuckDBTimestampTZValue ||
    value instanceof DuckDBTimestampMillisecondsValue ||
    value instanceof DuckDBTimestampSecondsValue ||
    value instanceof DuckDBDateValue
  ) {
    return value.toString();
  }
  return String(value);
}

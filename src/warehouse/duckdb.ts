import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  DuckDBConnection,
  DuckDBInstance,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBTimestampValue,
  DuckDBTimestampTZValue,
  DuckDBTimestampMillisecondsValue,
  DuckDBTimestampSecondsValue,
  dateValue,
  listValue,
  timestampValue,
  type DuckDBValue,
} from '@duckdb/node-api';
import { missingTableError } from './errors.js';
import { assertIdentifier } from './identifiers.js';
import { linePieces } from './line-pieces.js';
import { rewritePlaceholders } from './placeholders.js';
import { splitScript } from './script.js';
import { NDJSON } from './row-encoding.js';
import type { EncodedRows, InsertRow, Params, ReplaceOptions, Row, RowEncoding, SqlValue, Warehouse } from './types.js';

/**
 * `read_json` holds a buffer of `maximum_object_size` per thread, so the usual limit is kept small
 * (256 MiB cost ~330 MB of peak memory on a webhook load); a load with a longer row is read again
 * with the largest size the loader accepts (ingest cuts records far below it).
 */
const USUAL_ROW_BYTES = 16 * 1024 * 1024;
const MAX_ROW_BYTES = 256 * 1024 * 1024;

/** Load files are written and read once: memory-backed /dev/shm spares the disk when there is one. */
const LOAD_DIR = process.env.SCRM_LOAD_DIR ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());

/**
 * Threads an idempotent append (`appendNew`, the ingest path) leaves to the rest of the process: an
 * append always runs while ingest parses the next batch, and DuckDB's threads on every core only
 * contend with that parsing. On 2 cores, one DuckDB thread per append took 7 µs less CPU per webhook
 * message (of 50) and was no slower (1 M-message bench, src/ingest/README.md, Throughput).
 */
const APPEND_SPARE_THREADS = 1;

interface DuckDBColumn {
  name: string;
  /** DuckDB's type name, e.g. VARCHAR, BIGINT, TIMESTAMP, VARCHAR[]. */
  type: string;
}

export interface DuckDBOptions {
  /** A file path, or ':memory:'. */
  path: string;
  threads?: number;
  /** DuckDB's memory_limit, e.g. '1.5GB'; DuckDB's default (80 % of RAM) when absent. */
  memoryLimit?: string;
}

export class DuckDBWarehouse implements Warehouse {
  readonly engine = 'duckdb' as const;
  /** One connection; DuckDB's own threads already use every core for one statement. */
  readonly concurrentStatements = 1;
  private readonly schemaCache = new Map<string, DuckDBColumn[]>();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    /** DuckDB's `threads` setting as opened, restored after each append. */
    private readonly threads: number,
  ) {}

  static async open(options: DuckDBOptions): Promise<DuckDBWarehouse> {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    const settings: Record<string, string> = {};
    if (options.threads) settings.threads = String(options.threads);
    if (options.memoryLimit) settings.memory_limit = options.memoryLimit;
    const instance = await DuckDBInstance.create(options.path, settings);
    const connection = await instance.connect();
    // Local dates, weekdays and hours are always derived from epoch ms with an explicit zone,
    // so the session zone is pinned to UTC to keep timestamp columns unambiguous.
    await connection.run("SET TimeZone = 'UTC'");
    const threads = Number((await connection.runAndReadAll("SELECT current_setting('threads')")).getColumns()[0][0]);
    return new DuckDBWarehouse(instance, connection, threads);
  }

  async exec(sql: string, params?: Params): Promise<void> {
    const [text, values] = bind(sql, params);
    await this.connection.run(text, values);
  }

  async execScript(sql: string): Promise<void> {
    for (const statement of splitScript(sql)) await this.connection.run(statement);
    this.schemaCache.clear();
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
    const schema = await this.schema(table);
    return this.load(table, schema, rows.map((row) => encodeRow(row, schema, table)), []);
  }

  async appendNew(table: string, rows: readonly EncodedRows[], keyColumns: readonly string[]): Promise<number> {
    if (rows.length === 0) return 0;
    return this.load(table, await this.schema(table), rows, keyColumns);
  }

  /** NDJSON, which `read_json` loads with the table's types (the table must exist, as for `appendNew`). */
  async rowEncoding(table: string): Promise<RowEncoding> {
    await this.schema(table);
    return NDJSON;
  }

  /**
   * Bulk load through DuckDB's own multi-threaded JSON reader: the encoded rows go to a temporary
   * NDJSON file and one INSERT … SELECT reads it, converting epoch ms to timestamps and, when key
   * columns are given, leaving out rows whose key is already in the table (an anti-join).
   */
  private async load(table: string, schema: readonly DuckDBColumn[], rows: readonly EncodedRows[], keyColumns: readonly string[]): Promise<number> {
    const target = assertIdentifier(table);
    const file = join(LOAD_DIR, `scrm-load-${process.pid}-${randomBytes(6).toString('hex')}.ndjson`);
    await writeLines(file, rows);
    try {
      const names = schema.map((c) => c.name);
      const spec = schema.map((c) => `${c.name}: '${readType(c.type)}'`).join(', ');
      const select = schema.map((c) => (isTimestamp(c.type) ? `epoch_ms(s.${c.name})` : `s.${c.name}`)).join(', ');
      const antiJoin = keyColumns.length
        ? ` ANTI JOIN ${target} AS t ON ${keyColumns.map((k) => `s.${assertIdentifier(k)} = t.${k}`).join(' AND ')}`
        : '';
      // Idempotent appends carry no meaningful order (repeats are settled before they get here), so
      // DuckDB may insert in parallel without keeping the file's order: faster, and less memory.
      if (keyColumns.length) {
        await this.connection.run('SET preserve_insertion_order = false');
        await this.connection.run(`SET threads = ${Math.max(1, this.threads - APPEND_SPARE_THREADS)}`);
      }
      const insert = (maxRowBytes: number) =>
        this.connection.runAndReadAll(
          `INSERT INTO ${target} (${names.join(', ')}) SELECT ${select} ` +
            `FROM read_json('${file.replace(/'/g, "''")}', format = 'newline_delimited', columns = {${spec}}, maximum_object_size = ${maxRowBytes}) AS s${antiJoin}`,
        );
      const reader = await insert(USUAL_ROW_BYTES).catch((error: Error) => {
        if (!/maximum_object_size/.test(error.message)) throw error;
        return insert(MAX_ROW_BYTES);
      });
      return Number(reader.getColumns()[0][0]);
    } catch (error) {
      throw new Error(`loading ${table}: ${(error as Error).message}`);
    } finally {
      if (keyColumns.length) {
        await this.connection.run('RESET preserve_insertion_order');
        await this.connection.run(`SET threads = ${this.threads}`);
      }
      await rm(file, { force: true });
    }
  }

  async replaceTable(table: string, selectSql: string, _options?: ReplaceOptions): Promise<void> {
    await this.swapIn(table, 'TABLE', selectSql);
  }

  async replaceView(view: string, selectSql: string): Promise<void> {
    await this.swapIn(view, 'VIEW', selectSql);
  }

  /** Builds the relation under a temporary name, then drops the old one (a table or a view) and renames in one transaction. */
  private async swapIn(name: string, kind: 'TABLE' | 'VIEW', selectSql: string): Promise<void> {
    const target = assertIdentifier(name);
    const building = `${target}__building`;
    const previous = await this.relationKind(target);
    await this.connection.run(`CREATE OR REPLACE ${kind} ${building} AS ${selectSql}`);
    await this.connection.run('BEGIN TRANSACTION');
    try {
      if (previous) await this.connection.run(`DROP ${previous} ${target}`);
      await this.connection.run(`ALTER ${kind} ${building} RENAME TO ${target}`);
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.connection.run('ROLLBACK');
      throw error;
    }
    this.schemaCache.delete(target);
  }

  /** Whether `name` is a table, a view or nothing: DuckDB drops each kind with its own statement. */
  private async relationKind(name: string): Promise<'TABLE' | 'VIEW' | null> {
    const [row] = await this.query<{ tables: number; views: number }>(
      'SELECT (SELECT count(*) FROM duckdb_tables() WHERE table_name = {t}) AS tables, (SELECT count(*) FROM duckdb_views() WHERE view_name = {t} AND NOT internal) AS views',
      { t: name },
    );
    return Number(row.tables) > 0 ? 'TABLE' : Number(row.views) > 0 ? 'VIEW' : null;
  }

  /** True for a view as well: a model materialised as a view is read like a table. */
  async tableExists(table: string): Promise<boolean> {
    return (await this.relationKind(assertIdentifier(table))) !== null;
  }

  async columns(table: string): Promise<string[]> {
    return (await this.schema(table)).map((c) => c.name);
  }

  private async schema(table: string): Promise<DuckDBColumn[]> {
    const cached = this.schemaCache.get(table);
    if (cached) return cached;
    const rows = await this.query<{ column_name: string; data_type: string }>(
      'SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = {t} ORDER BY column_index',
      { t: assertIdentifier(table) },
    );
    if (rows.length === 0) throw missingTableError(table);
    const schema = rows.map((r) => ({ name: assertIdentifier(r.column_name), type: r.data_type }));
    this.schemaCache.set(table, schema);
    return schema;
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

/** Encodes an `insert` row for the NDJSON loader, naming the column when a value cannot be stored. */
function encodeRow(row: InsertRow, schema: readonly DuckDBColumn[], table: string): EncodedRows {
  const out: Record<string, unknown> = {};
  for (const column of schema) {
    const value = row[column.name];
    if (value === null || value === undefined) continue;
    try {
      out[column.name] = encodeValue(value, column.type);
    } catch (error) {
      throw new Error(`cannot store ${JSON.stringify(value)} in ${table}.${column.name} (${column.type}): ${(error as Error).message}`);
    }
  }
  return JSON.stringify(out);
}

function encodeValue(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type.endsWith('[]')) {
    if (!Array.isArray(value)) throw new Error('expected an array');
    return value.map((item) => encodeValue(item, type.slice(0, -2)));
  }
  if (isTimestamp(type)) return Math.trunc(epochMs(value));
  if (type === 'DATE') return typeof value === 'string' ? value.slice(0, 10) : new Date(epochMs(value)).toISOString().slice(0, 10);
  if (type === 'VARCHAR') return typeof value === 'string' ? value : JSON.stringify(value);
  if (type === 'BOOLEAN') return Boolean(value);
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) throw new Error('integer beyond 2^53');
    return Number(value);
  }
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'string' && /INT|DOUBLE|FLOAT|DECIMAL/.test(type)) {
    const number = Number(value);
    if (!Number.isFinite(number)) throw new Error('not a number');
    return number;
  }
  return value;
}

function isTimestamp(type: string): boolean {
  return type.startsWith('TIMESTAMP');
}

/** The type `read_json` reads a column as: timestamps arrive as epoch ms and are converted in SQL. */
function readType(type: string): string {
  return isTimestamp(type) ? 'BIGINT' : type;
}

/** Writes the rows to the temporary load file a few MiB at a time. */
async function writeLines(file: string, rows: readonly EncodedRows[]): Promise<void> {
  const handle = await open(file, 'w');
  try {
    for (const piece of linePieces(rows)) await handle.write(typeof piece === 'string' ? Buffer.from(piece) : piece);
  } finally {
    await handle.close();
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

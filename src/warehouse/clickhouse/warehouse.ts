import { randomBytes } from 'node:crypto';
import { missingTableError } from '../errors.js';
import { assertIdentifier, assertTableName } from '../identifiers.js';
import { rewritePlaceholders } from '../placeholders.js';
import { splitScript } from '../script.js';
import type { EncodedColumn, EncodedRows, InsertRow, Params, ReplaceOptions, Row, RowEncoding, Warehouse } from '../types.js';
import type { ClickHouseDriver } from './driver.js';
import { clickhouseLiteral } from './literals.js';

/** Rows per INSERT request: large enough to amortise the HTTP round trip, small enough to stream. */
const INSERT_BATCH_ROWS = 100_000;

type Converter = (value: unknown) => unknown;

interface ClickHouseColumn {
  name: string;
  type: string;
  convert: Converter;
}

/**
 * Two statements at once by default: a model build keeps 1.2 of a 2-core server's cores busy on
 * average (many of 18.16's steps run on one thread), so a second one fills the rest.
 */
const DEFAULT_CONCURRENT_STATEMENTS = 2;

/** The ClickHouse engine: ClickHouse SQL over any driver (HTTP server or embedded chdb). */
export class ClickHouseWarehouse implements Warehouse {
  readonly engine = 'clickhouse' as const;
  readonly concurrentStatements: number;
  private readonly schemaCache = new Map<string, ClickHouseColumn[]>();

  constructor(
    private readonly driver: ClickHouseDriver,
    options: { concurrentStatements?: number } = {},
  ) {
    this.concurrentStatements = options.concurrentStatements ?? DEFAULT_CONCURRENT_STATEMENTS;
  }

  async exec(sql: string, params?: Params): Promise<void> {
    await this.driver.command(bind(sql, params));
  }

  async execScript(sql: string): Promise<void> {
    for (const statement of splitScript(sql)) await this.driver.command(statement);
    this.schemaCache.clear();
  }

  async query<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    return (await this.driver.select(bind(sql, params))) as T[];
  }

  async insert(table: string, rows: readonly InsertRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const schema = await this.schema(table);
    for (let start = 0; start < rows.length; start += INSERT_BATCH_ROWS) {
      const batch = rows.slice(start, start + INSERT_BATCH_ROWS).map((row) => {
        const out: Record<string, unknown> = {};
        for (const column of schema) {
          const value = row[column.name];
          if (value !== undefined) out[column.name] = column.convert(value);
        }
        return out;
      });
      await this.driver.insertJsonRows(assertIdentifier(table), batch);
    }
    return rows.length;
  }

  /**
   * TabSeparated in the table's column order, DateTime columns as epoch ms (see `stageColumns`): the
   * 18.16 server parses it in about half the CPU of JSONEachRow, and it is half the bytes.
   */
  async rowEncoding(table: string): Promise<RowEncoding> {
    const schema = await this.schema(table);
    return { format: 'tsv', columns: stageColumns(schema) };
  }

  /**
   * Loads the encoded rows (TabSeparated, see `rowEncoding`) into a Memory stage table (timestamps
   * still as epoch ms), then moves the rows whose key is not in the target yet with one
   * INSERT … SELECT that converts timestamps. The key lookups are restricted to the stage's keys so
   * the set ClickHouse builds stays batch-sized.
   */
  async appendNew(table: string, rows: readonly EncodedRows[], keyColumns: readonly string[]): Promise<number> {
    if (rows.length === 0) return 0;
    const target = assertIdentifier(table);
    const schema = await this.schema(table);
    const stage = `${target}__stage_${randomBytes(6).toString('hex')}`;
    const definitions = stageColumns(schema).map((c) => `${c.name} ${c.type}`);
    await this.driver.command(`CREATE TABLE ${stage} (${definitions.join(', ')}) ENGINE = Memory`);
    try {
      const names = schema.map((c) => c.name);
      await this.driver.insertTsvLines(stage, names, rows);
      const select = schema.map((c) => (isDateTime(c.type) ? `toDateTime(intDiv(${c.name}, 1000), 'UTC')` : c.name)).join(', ');
      let filter = '';
      let present = '0';
      if (keyColumns.length) {
        const list = keyColumns.map(assertIdentifier).join(', ');
        const key = `(${list})`;
        // GLOBAL: in cluster mode the target is a Distributed table and the stage exists on this node only.
        const existing = `(SELECT ${list} FROM ${target} WHERE ${key} GLOBAL IN (SELECT ${list} FROM ${stage}))`;
        present = `countIf(${key} GLOBAL IN ${existing})`;
        filter = ` WHERE ${key} GLOBAL NOT IN ${existing}`;
      }
      const [count] = await this.query<{ total: number; present: number }>(`SELECT count() AS total, ${present} AS present FROM ${stage}`);
      const written = Number(count.total) - Number(count.present);
      if (written > 0) await this.driver.command(`INSERT INTO ${target} (${names.join(', ')}) SELECT ${select} FROM ${stage}${filter}`);
      return written;
    } finally {
      await this.driver.command(`DROP TABLE IF EXISTS ${stage}`);
    }
  }

  /** `table` may name another database (`analytics.mart_x`), which is how marts are published to analysts. */
  async replaceTable(table: string, selectSql: string, options?: ReplaceOptions): Promise<void> {
    const orderBy = options?.orderBy?.length ? `(${options.orderBy.map(assertIdentifier).join(', ')})` : 'tuple()';
    await this.swapIn(table, (building) => `CREATE TABLE ${building} ENGINE = MergeTree ORDER BY ${orderBy} AS ${selectSql}`);
  }

  async replaceView(view: string, selectSql: string): Promise<void> {
    await this.swapIn(view, (building) => `CREATE VIEW ${building} AS ${selectSql}`);
  }

  /** Creates the relation under a temporary name, then swaps it in (DROP TABLE and RENAME take views too). */
  private async swapIn(table: string, create: (building: string) => string): Promise<void> {
    assertTableName(table);
    const target = table;
    const building = `${target}__building`;
    const retired = `${target}__retired`;
    await this.driver.command(`DROP TABLE IF EXISTS ${building}`);
    await this.driver.command(create(building));
    await this.driver.command(`DROP TABLE IF EXISTS ${retired}`);
    // One RENAME statement moves both names together, so readers see the old or the new table, never none.
    if (await this.tableExists(target)) {
      await this.driver.command(`RENAME TABLE ${target} TO ${retired}, ${building} TO ${target}`);
      await this.driver.command(`DROP TABLE ${retired}`);
    } else {
      await this.driver.command(`RENAME TABLE ${building} TO ${target}`);
    }
    this.schemaCache.delete(target);
  }

  /**
   * EXISTS looks the one name up. Reading system.tables instead walks every table of the database,
   * and on 18.16 that walk fails ("Table … doesn't exist") when another build renames a table meanwhile.
   */
  async tableExists(table: string): Promise<boolean> {
    assertTableName(table);
    const [row] = await this.driver.select(`EXISTS TABLE ${table}`);
    return Number(Object.values(row)[0]) === 1;
  }

  async columns(table: string): Promise<string[]> {
    return (await this.schema(table)).map((c) => c.name);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async schema(table: string): Promise<ClickHouseColumn[]> {
    const cached = this.schemaCache.get(table);
    if (cached) return cached;
    if (!(await this.tableExists(table))) throw missingTableError(table);
    // DESCRIBE rather than system.columns: 18.16's system.columns has no column position.
    const rows = await this.query<{ name: string; type: string }>(`DESCRIBE TABLE ${assertIdentifier(table)}`);
    const schema = rows.map((r) => ({ name: r.name, type: r.type, convert: converterFor(r.type, `${table}.${r.name}`) }));
    this.schemaCache.set(table, schema);
    return schema;
  }
}

function isDateTime(type: string): boolean {
  return /^(Nullable\()?DateTime/.test(type);
}

/** The columns of an append's stage table, which are also those of its rows' encoding (`rowEncoding`). */
function stageColumns(schema: readonly ClickHouseColumn[]): EncodedColumn[] {
  return schema.map(({ name, type }) => ({ name, type: stageType(type) }));
}

/** DateTime columns arrive as epoch ms. */
function stageType(type: string): string {
  if (!isDateTime(type)) return type;
  return type.startsWith('Nullable(') ? 'Nullable(Int64)' : 'Int64';
}

function bind(sql: string, params?: Params): string {
  return params ? rewritePlaceholders(sql, params, (_name, value) => clickhouseLiteral(value)) : sql;
}

/** Builds the JSONEachRow input conversion for one column type, e.g. epoch ms into a DateTime. */
function converterFor(type: string, where: string): Converter {
  const nullable = /^Nullable\((.*)\)$/.exec(type);
  if (nullable) {
    const inner = converterFor(nullable[1], where);
    return (value) => (value === null ? null : inner(value));
  }
  const array = /^Array\((.*)\)$/.exec(type);
  if (array) {
    const inner = converterFor(array[1], where);
    return (value) => {
      if (!Array.isArray(value)) throw new Error(`${where}: expected an array, got ${JSON.stringify(value)}`);
      return value.map(inner);
    };
  }
  if (type.startsWith('DateTime')) return (value) => formatUtc(value, where).slice(0, 19);
  if (type === 'Date') return (value) => formatUtc(value, where).slice(0, 10);
  if (type === 'String' || type.startsWith('FixedString')) {
    return (value) => (typeof value === 'string' ? value : JSON.stringify(value));
  }
  if (/^U?Int(8|16|32|64)$/.test(type)) {
    return (value) => (typeof value === 'boolean' ? Number(value) : typeof value === 'bigint' ? value.toString() : value);
  }
  return (value) => value;
}

function formatUtc(value: unknown, where: string): string {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.replace('T', ' ');
  const ms = value instanceof Date ? value.getTime() : Number(value);
  if (!Number.isFinite(ms)) throw new Error(`${where}: not a time: ${JSON.stringify(value)}`);
  return new Date(ms).toISOString().replace('T', ' ');
}

import { Kysely, MysqlDialect, PostgresDialect, type Dialect } from 'kysely';
import { createPool as createMysqlPool } from 'mysql2';
import pg from 'pg';
import { assertIdentifier } from '../../warehouse/identifiers.js';
import { redact } from '../redact.js';
import type { Emit, IngestContext, IngestState, PullResult } from '../source.js';
import { emitContact } from './contact.js';
import { fromCrmColumns } from './formats.js';

const URL_SCHEMES = /^(postgres|postgresql|mysql|mariadb):\/\//i;
const PAGE_ROWS = 5_000;
const DEFAULT_TABLE = 'contacts';
/** PostgreSQL timestamp (1114) and timestamptz (1184) come back as text, never through the local zone. */
const PG_TIMESTAMP_OIDS = new Set([1114, 1184]);

export function isDatabaseUrl(input: string): boolean {
  return URL_SCHEMES.test(input);
}

/** The column set of a CRM contacts table: the CRM export's columns (see `fromCrmColumns`). */
interface ContactTable {
  crm_id: string;
  updated_at: string | null;
  [column: string]: string | null;
}

interface Watermark {
  updated_at: string;
  crm_id: string;
}

/**
 * Reads a CRM contacts table from PostgreSQL or MySQL/MariaDB incrementally: rows after the
 * watermark (updated_at, then crm_id, so equal times are not lost) in keyset pages. The watermark
 * lives in `ingest_state` and advances only after the rows read under it are loaded. Times without
 * a zone are read as UTC. The URL names the table with `?table=` (default `contacts`); a password
 * may come from PGPASSWORD / SCRM_CRM_DB_PASSWORD rather than the URL.
 */
export async function pullContacts(input: string, emit: Emit, context: IngestContext, state: IngestState): Promise<PullResult> {
  const url = new URL(input);
  const table = assertIdentifier(url.searchParams.get('table') ?? DEFAULT_TABLE);
  url.searchParams.delete('table');
  const kind = url.protocol.startsWith('mysql') || url.protocol.startsWith('mariadb') ? 'mysql' : 'postgres';
  if (!url.password && process.env.SCRM_CRM_DB_PASSWORD) url.password = process.env.SCRM_CRM_DB_PASSWORD;
  const label = `${redact(`${url.protocol}//${url.username ? `${url.username}@` : ''}${url.host}${url.pathname}`)}#${table}`;
  const stateKey = `crm:${label}`;
  const db = new Kysely<Record<string, ContactTable>>({ dialect: dialectFor(kind, url) });
  let last: Watermark | null = null;
  try {
    const stored = await state.get(stateKey);
    let mark: Watermark | null = stored ? (JSON.parse(stored) as Watermark) : null;
    let line = 0;
    for (const row of await db.selectFrom(table).selectAll().where('updated_at', 'is', null).execute()) {
      emit.record();
      emit.reject(++line, 'updated_at', `missing field (crm_id ${row.crm_id})`, JSON.stringify(row));
    }
    for (;;) {
      let query = db.selectFrom(table).selectAll().where('updated_at', 'is not', null);
      if (mark) {
        const { updated_at: at, crm_id: id } = mark;
        query = query.where((eb) => eb.or([eb('updated_at', '>', at), eb.and([eb('updated_at', '=', at), eb('crm_id', '>', id)])]));
      }
      const rows = await query.orderBy('updated_at').orderBy('crm_id').limit(PAGE_ROWS).execute();
      for (const row of rows) {
        emit.record();
        const values = textValues(row);
        emitContact(fromCrmColumns(values, kind, values, 'UTC'), ++line, label, JSON.stringify(values), emit, context);
        await emit.checkpoint();
      }
      if (rows.length === 0) break;
      const tail = rows[rows.length - 1];
      mark = { updated_at: String(tail.updated_at), crm_id: String(tail.crm_id) };
      last = mark;
      if (rows.length < PAGE_ROWS) break;
    }
  } finally {
    await db.destroy();
  }
  const advanced = last;
  return { label, commit: advanced ? () => state.set(stateKey, JSON.stringify(advanced)) : undefined };
}

function dialectFor(kind: 'postgres' | 'mysql', url: URL): Dialect {
  if (kind === 'mysql') {
    const pool = createMysqlPool({ uri: url.toString().replace(/^mariadb:/, 'mysql:'), dateStrings: true, connectionLimit: 2 });
    pool.on('connection', (connection) => connection.query("SET time_zone = '+00:00'"));
    return new MysqlDialect({ pool });
  }
  return new PostgresDialect({
    pool: new pg.Pool({
      connectionString: url.toString(),
      max: 2,
      types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (PG_TIMESTAMP_OIDS.has(oid) ? (value: string) => value : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
    }),
  });
}

/** Database values as the text the CSV reader would give (numbers, dates as text; NULL and '' absent). */
function textValues(row: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(row)) {
    if (value === null || value === undefined) continue;
    const text = (value instanceof Date ? value.toISOString() : String(value)).trim();
    if (text !== '') out[key] = text;
  }
  return out;
}

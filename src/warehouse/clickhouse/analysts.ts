import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import nunjucks from 'nunjucks';
import { projectPath } from '../../paths.js';
import { assertIdentifier } from '../identifiers.js';
import { splitScript } from '../script.js';
import type { Warehouse } from '../types.js';
import { clickhouseVersionAtLeast } from './version.js';

/** Tables analysts may read: the marts and the churn scores (latest and weekly runs), which carry customer_key only. */
const PUBLISHED = /^(mart_[A-Za-z0-9_]+|churn_scores|churn_scores_weekly)$/;

const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });

export interface PublishSummary {
  analyticsDatabase: string;
  tables: string[];
}

/**
 * Copies every mart into the analytics database, each swapped in atomically. ClickHouse 18.16 can
 * only limit a user by database, so the marts analysts may read live apart from the raw tables.
 */
export async function publishMarts(warehouse: Warehouse, analyticsDatabase: string): Promise<PublishSummary> {
  assertIdentifier(analyticsDatabase);
  await warehouse.exec(`CREATE DATABASE IF NOT EXISTS ${analyticsDatabase}`);
  const rows = await warehouse.query<{ name: string }>('SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name');
  const tables = rows.map((r) => r.name).filter((name) => PUBLISHED.test(name));
  for (const table of tables) await warehouse.replaceTable(`${analyticsDatabase}.${table}`, `SELECT * FROM ${table}`);
  return { analyticsDatabase, tables };
}

/** Whether the server takes CREATE ROLE / GRANT (SQL access control arrived in 20.4). */
export function hasSqlAccessControl(warehouse: Warehouse): Promise<boolean> {
  return clickhouseVersionAtLeast(warehouse, 20, 4);
}

/** Creates the read-only analyst role on releases with SQL access control. */
export async function grantAnalystRole(warehouse: Warehouse, role: string, analyticsDatabase: string): Promise<void> {
  const template = readFileSync(projectPath('sql', 'clickhouse', 'analyst-role.sql'), 'utf8');
  const sql = env.renderString(template, { role: assertIdentifier(role), analytics_database: assertIdentifier(analyticsDatabase) });
  for (const statement of splitScript(sql)) await warehouse.exec(statement);
}

/** The users.d file for a read-only analyst on releases without SQL access control. */
export function analystUserXml(user: string, password: string, analyticsDatabase: string): string {
  const template = readFileSync(projectPath('sql', 'clickhouse', 'analyst-user.xml'), 'utf8');
  return env.renderString(template, {
    user: assertIdentifier(user),
    password_sha256: createHash('sha256').update(password).digest('hex'),
    analytics_database: assertIdentifier(analyticsDatabase),
  });
}

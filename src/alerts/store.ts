import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';
import type { Warehouse } from '../warehouse/types.js';
import type { Alert } from './alert.js';

/** Creates the `alerts` table when missing; safe to run again. */
export async function ensureAlertsTable(warehouse: Warehouse): Promise<void> {
  await warehouse.execScript(readFileSync(projectPath('sql', warehouse.engine, 'alerts.sql'), 'utf8'));
}

/** Stores the alerts whose id is not stored yet and returns them; an alert is never raised twice. */
export async function saveNewAlerts(warehouse: Warehouse, alerts: readonly Alert[]): Promise<Alert[]> {
  if (alerts.length === 0) return [];
  const stored = new Set((await warehouse.query<{ alert_id: string }>('SELECT DISTINCT alert_id FROM alerts')).map((r) => r.alert_id));
  const fresh = new Map<string, Alert>();
  for (const alert of alerts) if (!stored.has(alert.alert_id)) fresh.set(alert.alert_id, alert);
  const rows = [...fresh.values()].map((alert) => ({ ...alert, raised_at: alert.raised_at_ms }));
  await warehouse.insert('alerts', rows);
  return [...fresh.values()];
}

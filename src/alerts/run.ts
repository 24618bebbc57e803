import { missingTables } from '../warehouse/missing-tables.js';
import type { Warehouse } from '../warehouse/types.js';
import { toAlert, type Alert } from './alert.js';
import { addDays, isDate, localToday, type Grain } from './calendar.js';
import type { AlertsConfig } from './config.js';
import { evaluateRule } from './evaluate.js';
import type { EvaluationWindow, RuleContext } from './findings.js';
import { loadRules, type LoadedSource, type RuleSet } from './load-rules.js';
import { checkColumns, columnOf, loadSeries, ruleColumns, type SourceSeries } from './series.js';
import { ensureAlertsTable, saveNewAlerts } from './store.js';

export interface AlertRunOptions {
  /** The last local date judged (default: yesterday in the business time zone). */
  date?: string;
  /** Judge the whole history, not just the last `lookback_days`. */
  all?: boolean;
  now?: Date;
}

export interface AlertRunSummary {
  as_of: string;
  from: string | null;
  rules: number;
  /** Alerts found this run, new or not. */
  found: number;
  /** Alerts stored for the first time. */
  raised: Alert[];
  already_raised: number;
  skipped: { source: string; reason: string }[];
}

/** Judges every configured rule over its series and stores the alerts not raised before. */
export async function runAlerts(warehouse: Warehouse, config: { timezone: string; alerts: AlertsConfig }, options: AlertRunOptions = {}): Promise<AlertRunSummary> {
  const now = options.now ?? new Date();
  if (options.date !== undefined && !isDate(options.date)) throw new Error(`--date: expected a date as YYYY-MM-DD, got "${options.date}"`);
  const asOf = options.date ?? addDays(localToday(config.timezone, now), -1);
  const window: EvaluationWindow = { asOf, from: options.all ? null : addDays(asOf, -(config.alerts.lookback_days - 1)) };
  const ruleSet = loadRules(config.alerts.rules, warehouse.engine);
  await ensureAlertsTable(warehouse);

  const skipped: AlertRunSummary['skipped'] = [];
  const series = new Map<string, SourceSeries>();
  for (const source of usedSources(ruleSet)) {
    const missing = await missingTables(warehouse, source.requires);
    if (missing.length) {
      skipped.push({ source: source.name, reason: `table ${missing.join(', ')} does not exist yet` });
      continue;
    }
    const fromDate = window.from === null ? HISTORY_START : addDays(window.from, -historyDays(ruleSet, source));
    series.set(source.name, await loadSeries(warehouse, source, { timezone: config.timezone, fromDate, toDate: asOf }));
  }

  const alerts: Alert[] = [];
  for (const rule of ruleSet.rules) {
    const loaded = series.get(rule.source);
    if (!loaded) continue;
    const context: RuleContext = { rule, grain: loaded.grain, dimensionKind: loaded.source.dimension, settleDays: loaded.source.settle_days, window };
    checkColumns(loaded, ruleColumns(rule), rule.id);
    for (const dimension of loaded.byDimension.keys()) {
      if (rule.exclude.includes(dimension)) continue;
      const findings = evaluateRule(context, dimension, columnOf(loaded, dimension, rule.metric), (column) => columnOf(loaded, dimension, column));
      for (const finding of findings) alerts.push(toAlert(rule, loaded.grain, loaded.source.dimension, finding, now.getTime()));
    }
  }
  alerts.sort(byPeriodThenRule);
  const raised = await saveNewAlerts(warehouse, alerts);
  return { as_of: asOf, from: window.from, rules: ruleSet.rules.length, found: alerts.length, raised, already_raised: alerts.length - raised.length, skipped };
}

function usedSources(ruleSet: RuleSet): LoadedSource[] {
  const names = new Set(ruleSet.rules.map((rule) => rule.source));
  return [...ruleSet.sources.values()].filter((source) => names.has(source.name));
}

/** `{from_date}` for a whole-history run: before WhatsApp Business existed, and safely after 1970 (ClickHouse DateTime cannot go below). */
const HISTORY_START = '2000-01-01';

const GRAIN_DAYS: Record<Grain, number> = { day: 1, week: 7, month: 31 };

/** How many days before the window a source must reach back so every rule on it sees its history. */
function historyDays(ruleSet: RuleSet, source: LoadedSource): number {
  const periods = ruleSet.rules
    .filter((rule) => rule.source === source.name)
    .map((rule) => {
      if (rule.kind === 'threshold') return rule.consecutive;
      if (rule.kind === 'outlier' || rule.kind === 'proportion') return rule.window + 1;
      if (rule.kind === 'change') return (rule.compare === 'same_weekday' ? (rule.weeks * 7) / GRAIN_DAYS[source.grain] + 1 : 2) + (rule.dispersion_window ?? 0);
      return 1;
    });
  return Math.max(...periods) * GRAIN_DAYS[source.grain] + source.settle_days;
}

function byPeriodThenRule(a: Alert, b: Alert): number {
  return a.period_start.localeCompare(b.period_start) || a.rule_id.localeCompare(b.rule_id) || a.dimension.localeCompare(b.dimension);
}


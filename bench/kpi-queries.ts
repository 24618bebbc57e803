import { BENCH_CONFIG } from './models.js';
import type { Row } from '../src/warehouse/types.js';
import { median, medianOfRuns, round, timed, type BenchResult } from './measure.js';
import { assertSame } from './same-answers.js';

/** The three KPI queries, in the order of bench/sql/marts-kpi.duckdb.sql. */
export const KPI_QUERIES = ['service-daily', 'keywords-weekly', 'funnel'] as const;
export type KpiQuery = (typeof KPI_QUERIES)[number];
/** The landing files every helpdesk engine loads, written once by DuckDB as CSV. */
export const HELPDESK_FILES = ['messages', 'orders', 'contacts', 'keywords'] as const;
const CONTENT_TYPES = ['text', 'image', 'audio', 'video', 'document', 'sticker', 'location', 'contacts', 'interactive', 'button', 'order', 'template'];

/** The `{key}` values of the helpdesk SQL files, each string quoted by the engine's own `quote`. */
export function helpdeskValues(quote: (text: string) => string, files: Record<string, string>): Record<string, string> {
  return {
    ...Object.fromEntries(Object.entries(files).map(([key, file]) => [key, quote(file)])),
    timezone: quote(BENCH_CONFIG.timezone),
    content_types: CONTENT_TYPES.map(quote).join(', '),
    paid_statuses: BENCH_CONFIG.metrics.paid_statuses.map(quote).join(', '),
    window_ms: String(BENCH_CONFIG.conversion_window * 1000),
  };
}

/** Each engine's answers to the KPI queries, in KPI_QUERIES order. */
export type KpiAnswers = Row[][];

/** Fails the bench unless two sides (each a name and its answers) answer every KPI query alike. */
export function assertSameAnswers(ours: readonly [string, KpiAnswers], theirs: readonly [string, KpiAnswers]): void {
  KPI_QUERIES.forEach((name, i) => assertSame(name, [ours[0], ours[1][i]], [theirs[0], theirs[1][i]]));
}

/** The median of `runs` timed rounds of the three queries, with each query's median and the first round's answers. */
export interface KpiTimings {
  figure: Pick<BenchResult, 'value' | 'runs'>;
  queries: Record<KpiQuery, number>;
  answers: KpiAnswers;
}

/**
 * Times `runs` rounds of the three KPI queries on one engine, the same way for every engine:
 * wall time of each query (its answer read in full), a round's figure the sum of the three.
 */
export async function timeKpiQueries(runs: number, query: (name: KpiQuery) => Promise<Row[]>): Promise<KpiTimings> {
  const perQuery = Object.fromEntries(KPI_QUERIES.map((name) => [name, [] as number[]])) as Record<KpiQuery, number[]>;
  const totals: number[] = [];
  const answers: KpiAnswers = [];
  for (let run = 0; run < runs; run++) {
    let total = 0;
    for (const name of KPI_QUERIES) {
      const { seconds, value } = await timed(() => query(name));
      if (run === 0) answers.push(value);
      perQuery[name].push(seconds);
      total += seconds;
    }
    totals.push(total);
  }
  return {
    figure: medianOfRuns(totals, (s) => round(s, 2)),
    queries: Object.fromEntries(KPI_QUERIES.map((name) => [name, round(median(perQuery[name]), 2)])) as Record<KpiQuery, number>,
    answers,
  };
}

/** The engine-to-engine figure: one engine's KPI timings on the helpdesk tables, and what it took to load them. */
export interface HelpdeskTimings extends KpiTimings {
  loadSeconds: number;
  /** Process or server CPU seconds of the timed queries (all runs): steadier than wall time on a shared machine. */
  cpuSeconds: number;
}

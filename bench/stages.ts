import { benchChurn } from './churn.js';
import { benchCeilingClickHouse, benchCeilingDuckDB } from './flattened.js';
import { benchGenerate } from './generate.js';
import { benchIngestClickHouse, benchIngestDuckDB } from './ingest.js';
import type { BenchOptions, BenchResult } from './measure.js';
import { benchModelsClickHouse, benchModelsDuckDB } from './models.js';
import { benchPostgres } from './postgres.js';
import { benchReports } from './reports.js';

/** Every stage, in the order `npm run bench` runs them; each runs in a child process of its own. */
export const STAGES: Record<string, (options: BenchOptions) => Promise<BenchResult[]>> = {
  'ingest-duckdb': benchIngestDuckDB,
  'ceiling-duckdb': benchCeilingDuckDB,
  'ingest-clickhouse': benchIngestClickHouse,
  'ceiling-clickhouse': benchCeilingClickHouse,
  'models-duckdb': benchModelsDuckDB,
  'models-clickhouse': benchModelsClickHouse,
  postgres: benchPostgres,
  reports: benchReports,
  churn: benchChurn,
  generate: benchGenerate,
};

/** What `npm run bench` runs without --stages: the figures the targets are about (not the demo generator). */
export const DEFAULT_STAGES = Object.keys(STAGES).filter((stage) => stage !== 'generate');

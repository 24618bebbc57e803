import type { Config } from '../config/schema.js';
import type { Warehouse } from '../warehouse/types.js';
import { loadLatestModel, loadModel, saveModel, type SavedModel } from './artifact.js';
import { planCutoffs } from './cutoffs.js';
import { assertDate } from './dates.js';
import { isActive, type LabeledRow } from './features.js';
import { buildChurnTables, dataRange, readFeatureRows, readLabeledRows } from './features-model.js';
import type { ChurnModel } from './model.js';
import { publishScores } from './publish.js';
import { scoreCustomers } from './score.js';
import { trainChurnModel } from './train.js';

export interface TrainResult {
  readonly model: ChurnModel;
  readonly saved: SavedModel;
}

async function labeledRowsAt(warehouse: Warehouse, config: Config, asOf: string): Promise<LabeledRow[]> {
  await buildChurnTables(warehouse, config, asOf, true);
  return (await readLabeledRows(warehouse)).filter((row) => isActive(row, config.churn.active_days));
}

/**
 * `scrm churn train`: features and labels at every planned cut-off (each built by the churn
 * models at that as_of), the fit on the training cut-offs, the evaluation on the held-out one,
 * and the artifact with its model card.
 */
export interface TrainOptions {
  readonly now?: Date;
  /** Checked between cut-offs, where stopping leaves nothing half-written. */
  readonly signal?: AbortSignal;
  /** Called once the cut-offs are planned, and after each is built. */
  readonly onPlan?: (cutoffs: readonly string[]) => void;
  readonly onCutoffBuilt?: (cutoff: string) => void;
}

export async function trainFromWarehouse(warehouse: Warehouse, config: Config, options: TrainOptions = {}): Promise<TrainResult> {
  const range = await dataRange(warehouse);
  const plan = planCutoffs(range.first, range.last, {
    count: config.churn.training_cutoffs,
    stepDays: config.churn.cutoff_step_days,
    evaluation: config.churn.evaluation_cutoff === undefined ? undefined : assertDate(config.churn.evaluation_cutoff),
  });
  const cutoffs = [...plan.training, plan.evaluation];
  options.onPlan?.(cutoffs);
  const rows: LabeledRow[][] = [];
  for (const cutoff of cutoffs) {
    options.signal?.throwIfAborted();
    rows.push(await labeledRowsAt(warehouse, config, cutoff));
    options.onCutoffBuilt?.(cutoff);
  }
  const test = rows.pop()!;
  const train = rows.flat();
  const model = trainChurnModel(
    { train, test, trainingCutoffs: plan.training, evaluationCutoff: plan.evaluation },
    {
      l2: config.churn.l2,
      classWeight: config.churn.class_weight,
      activeDays: config.churn.active_days,
      engine: warehouse.engine,
      trainedAt: (options.now ?? new Date()).toISOString(),
    },
  );
  return { model, saved: saveModel(model, config.churn.model_dir) };
}

export interface ScoreSummary {
  readonly as_of: string | null;
  readonly model_version: string;
  readonly model_file: string;
  readonly customers: number;
  readonly bands: Record<'high' | 'medium' | 'low', number>;
  readonly recovery_candidates: number;
}

/** `scrm churn score`: features at as_of (default: config `as_of`, else the last date in the data), scored, written to churn_scores. */
export async function scoreWarehouse(warehouse: Warehouse, config: Config, options: { asOf?: string; modelFile?: string } = {}): Promise<ScoreSummary> {
  const { model, file } = options.modelFile
    ? { model: loadModel(options.modelFile), file: options.modelFile }
    : loadLatestModel(config.churn.model_dir);
  await buildChurnTables(warehouse, config, options.asOf ?? null, false);
  const rows = (await readFeatureRows(warehouse)).filter((row) => isActive(row, model.population.active_days));
  const scores = scoreCustomers(model, rows, { bands: config.churn.bands, recoveryDiscountPercent: config.churn.recovery_discount_percent });
  await publishScores(warehouse, scores, config.churn.weekly_history_weeks);
  const bands = { high: 0, medium: 0, low: 0 };
  for (const score of scores) bands[score.risk_band]++;
  return {
    as_of: rows[0]?.as_of ?? null,
    model_version: model.model_version,
    model_file: file,
    customers: scores.length,
    bands,
    recovery_candidates: scores.filter((score) => score.recovery_candidate).length,
  };
}

import { z } from 'zod';
import { defineStage, NO_OPTIONS, type StageContext } from '../pipelines/stage.js';
import { hasModel } from './artifact.js';
import { scoreWarehouse, trainFromWarehouse, type TrainResult } from './run.js';

function train(context: StageContext): Promise<TrainResult> {
  return trainFromWarehouse(context.warehouse, context.config, {
    signal: context.signal,
    onPlan: (cutoffs) => context.progress.start(cutoffs.length, 'churn cut-offs'),
    onCutoffBuilt: () => context.progress.advance(),
  }).finally(() => context.progress.finish());
}

function trainedDetail({ model, saved }: TrainResult): Record<string, unknown> {
  return { model_version: model.model_version, artifact: saved.json, card: saved.card, test_roc_auc: model.metrics.test.roc_auc, recency_roc_auc: model.metrics.baselines.recency.roc_auc };
}

/** `churn-train`: retrain on the warehouse and save a new model artifact (for a weekly or monthly pipeline). */
export const churnTrainStage = defineStage({
  name: 'churn-train',
  description: 'train the churn model on past cut-offs and save it with its model card',
  options: NO_OPTIONS,
  async run(context) {
    const result = await train(context);
    context.log.info(`churn model ${result.model.model_version}: held-out ROC AUC ${result.model.metrics.test.roc_auc?.toFixed(3)}`);
    return { rowsIn: result.model.training.rows + result.model.metrics.test.rows, rowsOut: 0, rowsRejected: 0, detail: trainedDetail(result) };
  },
});

/** `churn`: score every active customer into churn_scores; trains first when no model exists yet (unless told not to). */
export const churnStage = defineStage({
  name: 'churn',
  description: 'score churn risk into churn_scores (training a model first when there is none)',
  options: z.object({ train_if_missing: z.boolean().default(true) }).strict(),
  async run(context, options) {
    const dir = context.config.churn.model_dir;
    let trained: Record<string, unknown> | undefined;
    if (!hasModel(dir)) {
      if (!options.train_if_missing) throw new Error(`no usable churn model in ${dir} and train_if_missing is false: run \`scrm churn train\``);
      context.log.info(`no churn model in ${dir} fits this version's features: training one first`);
      trained = trainedDetail(await train(context));
    }
    context.signal.throwIfAborted();
    const summary = await scoreWarehouse(context.warehouse, context.config);
    return { rowsIn: summary.customers, rowsOut: summary.customers, rowsRejected: 0, detail: { ...summary, trained } };
  },
});

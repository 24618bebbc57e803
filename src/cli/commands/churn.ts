import type { Command } from 'commander';
import type { Evaluation } from '../../churn/metrics.js';
import { scoreWarehouse, trainFromWarehouse } from '../../churn/run.js';
import { globalOptions, withWarehouse } from '../context.js';

function figure(value: number | null, digits = 3): string {
  return value === null ? 'n/a' : value.toFixed(digits);
}

function evaluationLine(name: string, evaluation: Evaluation): string {
  return [
    name.padEnd(16),
    `ROC AUC ${figure(evaluation.roc_auc)}`,
    `PR AUC ${figure(evaluation.pr_auc)}`,
    `Brier ${figure(evaluation.brier, 4)}`,
    `top-decile lift ${figure(evaluation.lift_top_decile, 2)}`,
    `precision ${figure(evaluation.confusion.precision)}`,
    `recall ${figure(evaluation.confusion.recall)}`,
  ].join('  ');
}

export function registerChurn(program: Command): void {
  const churn = program.command('churn').description('train the churn model and score customers (writes churn_scores)');

  churn
    .command('train')
    .description('train on past cut-offs, evaluate on a later held-out one, and save the model with its model card')
    .option('--evaluate-at <date>', 'held-out cut-off (default: config churn.evaluation_cutoff, else the last date in the data − 60 days)')
    .action(async (options: { evaluateAt?: string }, command: Command) => {
      const { model, saved } = await withWarehouse(command, (warehouse, config) =>
        trainFromWarehouse(warehouse, { ...config, churn: { ...config.churn, evaluation_cutoff: options.evaluateAt ?? config.churn.evaluation_cutoff } }),
      );
      if (globalOptions(command).json) {
        console.log(JSON.stringify({ model_version: model.model_version, artifact: saved.json, card: saved.card, training: model.training, metrics: model.metrics }));
        return;
      }
      const { training, metrics } = model;
      console.log(`trained churn model ${model.model_version} on ${training.rows} rows at ${training.cutoffs.join(', ')}`);
      console.log(`held-out evaluation at ${training.evaluation_cutoff} (${metrics.test.rows} customers, churn rate ${figure(metrics.test.base_rate)}):`);
      console.log(evaluationLine('model', metrics.test));
      console.log(evaluationLine('recency only', metrics.baselines.recency));
      console.log(evaluationLine('business rule', metrics.baselines.business_rule));
      const confusion = metrics.test.confusion;
      console.log(`at threshold ${figure(confusion.threshold)}: ${confusion.tp} churners caught, ${confusion.fn} missed, ${confusion.fp} false alarms, ${confusion.tn} left alone`);
      console.log(`model: ${saved.json}`);
      console.log(`model card: ${saved.card}`);
    });

  churn
    .command('score')
    .description('score every active customer at a date and replace churn_scores')
    .option('--as-of <date>', 'local date to score at (default: config as_of, else the last date in the data)')
    .option('--model <file>', 'model artifact (default: the latest in churn.model_dir)')
    .action(async (options: { asOf?: string; model?: string }, command: Command) => {
      const summary = await withWarehouse(command, (warehouse, config) => scoreWarehouse(warehouse, config, { asOf: options.asOf, modelFile: options.model }));
      if (globalOptions(command).json) {
        console.log(JSON.stringify(summary));
        return;
      }
      console.log(`scored ${summary.customers} customers at ${summary.as_of ?? '(no data)'} with model ${summary.model_version}`);
      console.log(`risk bands: ${summary.bands.high} high, ${summary.bands.medium} medium, ${summary.bands.low} low; ${summary.recovery_candidates} recovery candidates`);
      console.log('written to churn_scores');
    });
}

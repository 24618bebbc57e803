import { featureDefinition } from './features.js';
import type { CalibrationBin, Evaluation } from './metrics.js';
import type { ChurnModel } from './model.js';
import { RECOVERY_RULE } from './rule.js';

function fixed(value: number | null, digits = 3): string {
  return value === null ? 'n/a' : value.toFixed(digits);
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)].join('\n');
}

function comparison(model: ChurnModel): string {
  const columns: [string, Evaluation][] = [
    ['model', model.metrics.test],
    ['recency baseline', model.metrics.baselines.recency],
    ['business rule', model.metrics.baselines.business_rule],
    ['model, in-sample (train)', model.metrics.train],
  ];
  const line = (name: string, value: (evaluation: Evaluation) => string) => [name, ...columns.map(([, evaluation]) => value(evaluation))];
  return table(
    ['measure', ...columns.map(([name]) => name)],
    [
      line('rows', (e) => String(e.rows)),
      line('churn rate', (e) => fixed(e.base_rate)),
      line('ROC AUC', (e) => fixed(e.roc_auc)),
      line('PR AUC (average precision)', (e) => fixed(e.pr_auc)),
      line('Brier score', (e) => fixed(e.brier, 4)),
      line('lift in the top decile', (e) => fixed(e.lift_top_decile, 2)),
      line('threshold', (e) => fixed(e.confusion.threshold)),
      line('precision at threshold', (e) => fixed(e.confusion.precision)),
      line('recall at threshold', (e) => fixed(e.confusion.recall)),
    ],
  );
}

function calibration(bins: readonly CalibrationBin[]): string {
  return table(
    ['decile', 'rows', 'mean predicted', 'observed churn rate', 'predicted range'],
    bins.map((bin) => [String(bin.decile), String(bin.rows), fixed(bin.mean_predicted), fixed(bin.observed_rate), `${fixed(bin.min_predicted)}–${fixed(bin.max_predicted)}`]),
  );
}

/** A short Markdown model card: what the model is for, how it was trained, how well it does and where it is weak. */
export function modelCard(model: ChurnModel): string {
  const training = model.training;
  const test = model.metrics.test;
  const confusion = test.confusion;
  const coefficients = [...model.features]
    .sort((a, b) => Math.abs(b.coefficient) - Math.abs(a.coefficient))
    .map((feature) => [
      feature.name,
      fixed(feature.coefficient),
      featureDefinition(feature.name).label,
      feature.transform,
      feature.cap === null ? 'training mean' : `${feature.cap} (never)`,
    ]);
  return `# Churn model ${model.model_version}

Trained ${model.trained_at} on the ${model.engine} warehouse. Format \`${model.format}\` v${model.format_version}.

## Purpose

The probability that an active customer (an inbound content message or an order in the
${model.population.active_days} days up to the cut-off) goes silent: ${model.label.definition}.
Scores feed the CRM as risk bands with the three features that push each score up most.
The playbook's rule (weekly interaction rate fell from ≥ ${RECOVERY_RULE.priorRateAtLeast} to ≤ ${RECOVERY_RULE.recentRateAtMost}
and last-conversation sentiment < ${RECOVERY_RULE.sentimentBelow}) is kept beside the model as \`recovery_candidate\`.

## Training

- Training cut-offs: ${training.cutoffs.join(', ')} (${training.rows} customer × cut-off rows, ${training.churned} churned).
- Held-out evaluation cut-off: ${training.evaluation_cutoff}. The last training label ends on ${training.window.to},
  no later than the evaluation cut-off: no training label sees its future.
- Data used in training: ${training.window.from} to ${training.window.to}.
- Features are transformed (log1p for counts and amounts), missing days-since values set to their cap
  ("never"), other missing values set to the training mean, then standardized with the training mean
  and standard deviation stored here.
- Logistic regression fitted by Newton's method (IRLS, ${training.iterations} iterations to a step below 1e-10),
  L2 penalty λ = ${training.l2} on the standardized slopes, intercept not penalized.
- Class weights: ${training.class_weight} (churned ${fixed(training.weights.churned)}, stayed ${fixed(training.weights.stayed)});
  the intercept was corrected by −${fixed(training.intercept_correction)} so probabilities estimate the real churn rate.
- Decision threshold ${fixed(model.threshold)}: the best F1 on the training rows.
- Not \`ml-logistic-regression\`: it runs a fixed number of gradient steps with a fixed learning rate on
  the summed gradient (convergence depends on the row count and is never checked), and has no
  regularization, no class or row weights and no intercept. The project's tests check that the
  solver here gives the same coefficients as that package where both apply.
- Packages: ${Object.entries(model.packages)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ')}.

## Held-out evaluation (cut-off ${training.evaluation_cutoff})

${comparison(model)}

Confusion matrix of the model at ${fixed(confusion.threshold)}: ${confusion.tp} churners caught, ${confusion.fn} missed,
${confusion.fp} false alarms, ${confusion.tn} correctly left alone.

Calibration on the held-out rows:

${calibration(test.calibration)}

## Coefficients (standardized scale, largest effect first)

${table(['feature', 'coefficient', 'meaning', 'transform', 'missing →'], coefficients)}

## Limits

- A customer appears once per training cut-off, so training rows are not independent.
- The model is the one evaluated above: it is not refitted on the evaluation cut-off.
- Coefficients are associations, not effects: a discount will not act like a lower "days since" value.
`;
}

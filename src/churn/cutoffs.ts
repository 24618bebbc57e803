import { addDays, daysBetween } from './dates.js';
import { HORIZON_DAYS } from './train.js';

/** History a cut-off needs before it: the 4 weeks before the last 4 (the prior interaction rate). */
export const MIN_HISTORY_DAYS = 56;

export interface CutoffPlan {
  /** Oldest first; the last one ends its label horizon on or before the evaluation cut-off. */
  readonly training: string[];
  readonly evaluation: string;
}

export interface CutoffOptions {
  readonly count: number;
  readonly stepDays: number;
  /** An earlier evaluation cut-off than the latest possible one, to backtest a period of interest. */
  readonly evaluation?: string;
}

/**
 * The time-based split for data spanning `firstDate`..`lastDate` (local dates): evaluate at the
 * latest cut-off whose whole label horizon is in the data (or an earlier one given); train at up to `count` cut-offs, `stepDays`
 * apart, the latest of them a full horizon before the evaluation cut-off, so that no training label
 * looks past it.
 */
export function planCutoffs(firstDate: string, lastDate: string, options: CutoffOptions): CutoffPlan {
  const latest = addDays(lastDate, -HORIZON_DAYS);
  if (options.evaluation !== undefined && options.evaluation > latest) {
    throw new Error(`the evaluation cut-off ${options.evaluation} is too late: its ${HORIZON_DAYS}-day label horizon runs past the data, which ends on ${lastDate} (latest possible: ${latest})`);
  }
  const evaluation = options.evaluation ?? latest;
  const latestTraining = addDays(evaluation, -HORIZON_DAYS);
  const earliestAllowed = addDays(firstDate, MIN_HISTORY_DAYS);
  const training: string[] = [];
  for (let k = 0; k < options.count; k++) {
    const cutoff = addDays(latestTraining, -k * options.stepDays);
    if (cutoff < earliestAllowed) break;
    training.unshift(cutoff);
  }
  if (training.length === 0) {
    if (options.evaluation !== undefined) {
      throw new Error(`the evaluation cut-off ${evaluation} is too early: training needs a cut-off ${HORIZON_DAYS} days before it with ${MIN_HISTORY_DAYS} days of history (data from ${firstDate})`);
    }
    const needed = MIN_HISTORY_DAYS + 2 * HORIZON_DAYS;
    throw new Error(
      `the data spans ${daysBetween(firstDate, lastDate)} days (${firstDate} to ${lastDate}); training needs at least ${needed}: ` +
        `${MIN_HISTORY_DAYS} of history, ${HORIZON_DAYS} of training labels and ${HORIZON_DAYS} of evaluation labels`,
    );
  }
  return { training, evaluation };
}

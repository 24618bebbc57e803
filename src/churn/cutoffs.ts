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
}

/**
 * The time-based split for data spanning `firstDate`..`lastDate` (local dates): evaluate at the
 * latest cut-off whose whole label horizon is in the data; train at up to `count` cut-offs, `stepDays`
 * apart, the latest of them a full horizon before the evaluation cut-off, so that no training label
 * looks past it.
 */
export function planCutoffs(firstDate: string, lastDate: string, options: CutoffOptions): CutoffPlan {
  const evaluation = addDays(lastDate, -HORIZON_DAYS);
  const latestTraining = addDays(evaluation, -HORIZON_DAYS);
  const earliestAllowed = addDays(firstDate, MIN_HISTORY_DAYS);
  const training: string[] = [];
  for (let k = 0; k < options.count; k++) {
    const cutoff = addDays(latestTraining, -k * options.stepDays);
    if (cutoff < earliestAllowed) break;
    training.unshift(cutoff);
  }
  if (training.length === 0) {
    const needed = MIN_HISTORY_DAYS + 2 * HORIZON_DAYS;
    throw new Error(
      `the data spans ${daysBetween(firstDate, lastDate)} days (${firstDate} to ${lastDate}); training needs at least ${needed}: ` +
        `${MIN_HISTORY_DAYS} of history, ${HORIZON_DAYS} of training labels and ${HORIZON_DAYS} of evaluation labels`,
    );
  }
  return { training, evaluation };
}

/**
 * When customers write, by local weekday and hour: an afternoon peak on weekdays (14:00–16:00
 * holds a set share of weekday volume) and a second peak on Tuesday mornings (10:00–12:00).
 */
import { WeightedTable, type Random } from './random.js';

/** Relative weight of each local hour outside the peaks (a shop's day: quiet nights, busy evenings). */
const BASE_HOURS = [0.25, 0.12, 0.06, 0.04, 0.04, 0.08, 0.25, 0.8, 1.6, 2.6, 3.2, 3.4, 3.2, 3.3, 0, 0, 3.2, 3, 3.1, 3.4, 3.5, 3, 2, 0.9];
const WEEKEND_HOURS = [0.4, 0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.3, 0.8, 1.6, 2.6, 3, 3.2, 3.2, 3.1, 3, 3, 3, 3.2, 3.4, 3.4, 3, 2.2, 1.2];
const PEAK_HOURS = [14, 15];
const TUESDAY_HOURS = [10, 11];

/** Relative number of conversations started per weekday (1 = Monday … 7 = Sunday). */
export const WEEKDAY_VOLUME = [0, 1, 1.05, 1, 1, 1.05, 0.7, 0.55];

export interface TimeOfDayOptions {
  /**
   * Share of weekday conversation starts between 14:00 and 16:00. Set above the ≈ 35 % wanted
   * for inbound messages, because later messages of a chat spill past 16:00.
   */
  weekdayPeakShare: number;
  /** Tuesday 10:00–12:00 weight relative to the same hours on other weekdays. */
  tuesdayBoost: number;
}

export const DEFAULT_TIME_OF_DAY: TimeOfDayOptions = { weekdayPeakShare: 0.41, tuesdayBoost: 4.5 };

export class TimeOfDay {
  private readonly tables: WeightedTable<number>[];

  constructor(readonly options: TimeOfDayOptions = DEFAULT_TIME_OF_DAY) {
    const peak = solvePeakWeight(options);
    const weekday = hourWeights(peak, 1);
    const tuesday = hourWeights(peak, options.tuesdayBoost);
    const weekend = WEEKEND_HOURS;
    this.tables = [weekday, weekday, tuesday, weekday, weekday, weekday, weekend, weekend].map(
      (weights) => new WeightedTable(weights.map((weight, hour) => [hour, weight] as const)),
    );
  }

  /** Seconds after local midnight at which a conversation starts on that weekday. */
  drawSecond(weekday: number, random: Random): number {
    const hour = this.tables[weekday].draw(random);
    return hour * 3600 + Math.floor(random.next() * 3600);
  }
}

function hourWeights(peakWeight: number, tuesdayBoost: number): number[] {
  return BASE_HOURS.map((weight, hour) => {
    if (PEAK_HOURS.includes(hour)) return peakWeight;
    if (TUESDAY_HOURS.includes(hour)) return weight * tuesdayBoost;
    return weight;
  });
}

/**
 * The weight of each peak hour that makes 14:00–16:00 hold the target share of all weekday
 * starts (Tuesday's extra morning volume included), found by bisection on a monotone function.
 */
function solvePeakWeight(options: TimeOfDayOptions): number {
  const share = (peak: number) => {
    let inPeak = 0;
    let total = 0;
    for (let weekday = 1; weekday <= 5; weekday++) {
      const weights = hourWeights(peak, weekday === 2 ? options.tuesdayBoost : 1);
      const sum = weights.reduce((a, b) => a + b, 0);
      const dayVolume = WEEKDAY_VOLUME[weekday];
      inPeak += (dayVolume * PEAK_HOURS.reduce((a, hour) => a + weights[hour], 0)) / sum;
      total += dayVolume;
    }
    return inPeak / total;
  };
  let low = 0;
  let high = 1000;
  for (let i = 0; i < 60; i++) {
    const middle = (low + high) / 2;
    if (share(middle) < options.weekdayPeakShare) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

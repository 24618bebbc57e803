import { describe, expect, it } from 'vitest';
import { addDays, shiftPeriod, type Grain } from '../../src/alerts/calendar.js';
import type { EvaluationWindow, RuleContext } from '../../src/alerts/findings.js';
import { evaluateRule } from '../../src/alerts/evaluate.js';
import type { Finding } from '../../src/alerts/findings.js';
import { ruleSchema } from '../../src/alerts/rules-schema.js';
import type { MetricSeries } from '../../src/alerts/series.js';
import { binomialLowerTail, binomialUpperTail, hypergeometricLowerTail, hypergeometricUpperTail, median, poissonLowerTail, poissonUpperTail, robustScale, robustZ } from '../../src/alerts/stats.js';

const D0 = '2026-03-02'; // a Monday

function series(values: (number | null | undefined)[], grain: Grain = 'day', start = D0): MetricSeries {
  const out: MetricSeries = new Map();
  values.forEach((value, i) => {
    if (value !== undefined) out.set(shiftPeriod(start, grain, i), value);
  });
  return out;
}

function context(input: Record<string, unknown>, grain: Grain = 'day', window: Partial<EvaluationWindow> = {}, settleDays = 0): RuleContext {
  const rule = ruleSchema.parse({ id: 'r', source: 's', metric: 'm', ...input });
  return { rule, grain, dimensionKind: '', settleDays, window: { from: null, asOf: '2030-01-01', ...window } };
}

/** Judges a series; `columns` are the other columns of the dimension (a proportion's support). */
function judge(ctx: RuleContext, dimension: string, values: MetricSeries, columns: Record<string, MetricSeries> = {}): Finding[] {
  return evaluateRule(ctx, dimension, values, (name) => {
    if (!columns[name]) throw new Error(`no column ${name} in this test`);
    return columns[name];
  });
}

const periods = (findings: { periodStart: string; periodEnd: string }[]) => findings.map((f) => `${f.periodStart}..${f.periodEnd}`);
const day = (i: number) => addDays(D0, i);

describe('statistics', () => {
  it('takes exact medians and robust spreads', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    // deviations from 3: 2,1,0,1,7 → MAD 1 → scale 1.4826
    const spread = robustScale([1, 2, 3, 4, 10]);
    expect(spread).toEqual({ median: 3, mad: 1, scale: 1.4826 });
    expect(robustZ(6, spread)).toBeCloseTo(3 / 1.4826, 12);
  });

  it('computes Poisson tails exactly', () => {
    expect(poissonLowerTail(0, 2)).toBeCloseTo(Math.exp(-2), 14);
    expect(poissonLowerTail(2, 2)).toBeCloseTo(5 * Math.exp(-2), 14); // (1 + 2 + 2) e^-2
    expect(poissonUpperTail(3, 2)).toBeCloseTo(1 - 5 * Math.exp(-2), 14);
    expect(poissonLowerTail(-1, 2)).toBe(0);
    expect(poissonUpperTail(0, 2)).toBe(1);
  });

  it('computes binomial tails exactly, small ones included', () => {
    expect(binomialUpperTail(1, 10, 0.5)).toBeCloseTo(1023 / 1024, 12);
    expect(binomialLowerTail(5, 10, 0.5)).toBeCloseTo(638 / 1024, 12);
    expect(binomialUpperTail(3, 3, 0.2)).toBeCloseTo(0.008, 12);
    // P(X ≥ 6 | 15, 0.05) = 1 − Σ_{k<6} C(15,k) 0.05^k 0.95^(15−k)
    let below = 0;
    for (let k = 0; k < 6; k++) below += [1, 15, 105, 455, 1365, 3003][k] * 0.05 ** k * 0.95 ** (15 - k);
    expect(binomialUpperTail(6, 15, 0.05)).toBeCloseTo(1 - below, 10);
    expect(binomialUpperTail(500, 10_000, 0.03)).toBeLessThan(1e-20);
    expect(binomialUpperTail(0, 5, 0.1)).toBe(1);
  });

  it('computes hypergeometric tails exactly (Fisher\'s exact test)', () => {
    // 2 of 4 successes land in a group of 3 out of 6: C(3,2)·C(3,2)/C(6,4) = 9/15; 0 is impossible (4 − 3 > 0)
    expect(hypergeometricLowerTail(1, 3, 3, 4)).toBeCloseTo(3 / 15, 12);
    expect(hypergeometricUpperTail(2, 3, 3, 4)).toBeCloseTo(12 / 15, 12);
    expect(hypergeometricLowerTail(0, 3, 3, 4)).toBe(0);
    expect(hypergeometricLowerTail(3, 3, 3, 4)).toBe(1);
  });

  it('falls back to the mean absolute deviation when most values are equal, and to infinity when all are', () => {
    // median 5, deviations 0,0,0,4,6 → MAD 0 → 1.2533 × mean(2) = 2.5066
    const spread = robustScale([5, 5, 5, 9, 11]);
    expect(spread.mad).toBe(0);
    expect(spread.scale).toBeCloseTo(2.5066, 12);
    expect(robustZ(5, robustScale([5, 5, 5]))).toBe(0);
    expect(robustZ(4, robustScale([5, 5, 5]))).toBe(-Infinity);
  });
});

describe('threshold rule', () => {
  const rule = { kind: 'threshold', above: 0.05, consecutive: 3 };

  it('raises one alert per run, on the period that completes it, keyed by the first', () => {
    const values = [0.01, 0.06, 0.07, 0.08, 0.09, 0.1, 0.02, 0.06, 0.06, 0.01];
    const findings = judge(context(rule), '', series(values));
    expect(periods(findings)).toEqual([`${day(1)}..${day(3)}`]);
    expect(findings[0].value).toBe(0.08);
    expect(findings[0].evidence).toMatchObject({ values: [0.06, 0.07, 0.08].map((value, i) => ({ period: day(1 + i), value })) });
  });

  it('treats a missing period or a null value as the end of a run', () => {
    expect(judge(context(rule), '', series([0.06, 0.06, undefined, 0.06, 0.06]))).toEqual([]);
    expect(judge(context(rule), '', series([0.06, 0.06, null, 0.06, 0.06]))).toEqual([]);
  });

  it('is strict about the bound, and judges "below" the same way', () => {
    expect(judge(context(rule), '', series([0.05, 0.05, 0.05]))).toEqual([]);
    const low = judge(context({ kind: 'threshold', below: 0.8, consecutive: 2, format: 'percent' }), '', series([0.9, 0.7, 0.79, 0.85]));
    expect(periods(low)).toEqual([`${day(1)}..${day(2)}`]);
    expect(low[0].message).toBe(`M was below 80.0 % for 2 consecutive days from ${day(1)} to ${day(2)} (70.0 %, 79.0 %).`);
  });

  it('with a support, counts a period only when its count is improbable at the bound', () => {
    const withSupport = context({ ...rule, consecutive: 2, support: 'conversations' });
    // 2 of 20 (10 %): P(X ≥ 2 | 20, 5 %) ≈ 0.26, chance; 10 of 50 (20 %): ≈ 0.01; 4 of 25 (16 %): ≈ 0.034
    const rates = series([0.1, 0.1, 0.2, 0.16, 0.1]);
    const conversations = series([20, 20, 50, 25, 20]);
    const findings = judge(withSupport, '', rates, { conversations });
    expect(periods(findings)).toEqual([`${day(2)}..${day(3)}`]);
    expect(findings[0].evidence).toMatchObject({ support: 'conversations', confidence: 0.95 });
    // without a support every one of these days is over 5 %
    expect(periods(judge(context({ ...rule, consecutive: 2 }), '', rates))).toEqual([`${day(0)}..${day(1)}`]);
    // 99 % confidence: 4 of 25 is no longer enough
    expect(judge(context({ ...rule, consecutive: 2, support: 'conversations', confidence: 0.99 }), '', rates, { conversations })).toEqual([]);
  });

  it('judges a run only once its last period is complete and inside the window', () => {
    const values = [0.06, 0.06, 0.06];
    expect(judge(context(rule, 'day', { asOf: day(1) }), '', series(values))).toEqual([]);
    expect(judge(context(rule, 'day', { from: day(3), asOf: day(9) }), '', series(values))).toEqual([]);
    expect(judge(context(rule, 'day', { from: day(2), asOf: day(2) }), '', series(values))).toHaveLength(1);
    // weeks: complete on Sunday
    const weekly = context({ kind: 'threshold', above: 360 }, 'week', { asOf: addDays(D0, 5) });
    expect(judge(weekly, 'a1', series([400], 'week'))).toEqual([]);
    expect(judge({ ...weekly, window: { from: null, asOf: addDays(D0, 6) } }, 'a1', series([400], 'week'))).toHaveLength(1);
  });
});

describe('change rule', () => {
  const weekdays = (values: number[]) => series(values.flatMap((v) => [v, 50, 50, 50, 50, 50, 50])); // Mondays carry `values`

  it('compares with the median of the same weekday in the previous weeks', () => {
    const ctx = context({ kind: 'change', compare: 'same_weekday', weeks: 4, tolerance: 0.15 });
    const findings = judge(ctx, '', weekdays([100, 90, 110, 100, 80]));
    expect(periods(findings)).toEqual([`${day(28)}..${day(28)}`]);
    expect(findings[0]).toMatchObject({ value: 80, expected: 100 });
    expect(findings[0].message).toBe(
      `M fell 20.0 % on Mon ${day(28)}: 80 against 100, the median of the same weekday in the previous 4 weeks (normal range ±15.0 %).`,
    );
    // 86 is within 15 % of 100
    expect(judge(ctx, '', weekdays([100, 90, 110, 100, 86]))).toEqual([]);
  });

  it('with alpha, fires on a count only when the drop is also improbable for a Poisson count', () => {
    // 80 against 100: P(X ≤ 80 | 100) ≈ 0.023; 60 against 100: ≈ 1.1e-5.
    const plain = context({ kind: 'change', compare: 'same_weekday', weeks: 4 });
    const strict = context({ kind: 'change', compare: 'same_weekday', weeks: 4, alpha: 0.001 });
    expect(judge(plain, '', weekdays([100, 100, 100, 100, 80]))).toHaveLength(1);
    expect(judge(strict, '', weekdays([100, 100, 100, 100, 80]))).toEqual([]);
    const [finding] = judge(strict, '', weekdays([100, 100, 100, 100, 60]));
    expect(finding.evidence.probability).toBeCloseTo(poissonLowerTail(60, 100), 15);
    expect(finding.evidence.probability).toBeLessThan(0.001);
  });

  it('with a dispersion window, judges a count against its own measured spread (quasi-Poisson)', () => {
    // Each weekday cycles 85 → 100 → 115 from week to week: squared Pearson residuals of 0.6–4.7
    // against baselines near 100, so φ ≈ 5. A fall to 60 against 92.5 is improbable for a Poisson
    // count (P ≈ 2e-4), not for this one (≈ 0.07); a fall to 0 is improbable for both.
    const weeks = 16;
    const values = (last: number) => Array.from({ length: weeks * 7 + 1 }, (_, i) => (i === weeks * 7 ? last : [85, 100, 115][((i % 7) + Math.floor(i / 7)) % 3]));
    const poisson = context({ kind: 'change', compare: 'same_weekday', weeks: 4, alpha: 0.01 });
    const quasi = context({ kind: 'change', compare: 'same_weekday', weeks: 4, alpha: 0.01, dispersion_window: 56 });
    const last = day(weeks * 7);
    const judged = (ctx: RuleContext, lastValue: number) => judge(ctx, '', series(values(lastValue))).filter((f) => f.periodStart === last);
    expect(judged(poisson, 60)).toHaveLength(1);
    expect(judged(quasi, 60)).toEqual([]);
    expect(judge(quasi, '', series(values(100)))).toEqual([]); // the swings themselves never fire
    const [drop] = judged(quasi, 0);
    expect(drop.evidence.dispersion).toBeGreaterThan(3);
    expect(drop.evidence.probability).toBeLessThan(0.01);
    // no judgement before half the dispersion window can be measured
    expect(judge(context({ kind: 'change', compare: 'same_weekday', weeks: 4, alpha: 0.5, dispersion_window: 400 }), '', series(values(0)))).toEqual([]);
  });

  it('with a support, fires on a rate only when its fall is improbable for the numbers behind it', () => {
    const ctx = context({ kind: 'change', compare: 'previous_period', support: 'contacted', alpha: 0.01 }, 'week');
    // 2 of 11 after 4 of 13: −46 %, but Fisher's P ≈ 0.4; 60 of 500 after 100 of 500: P ≈ 4e-4
    const small = judge(ctx, '', series([4 / 13, 2 / 11], 'week'), { contacted: series([13, 11], 'week') });
    expect(small).toEqual([]);
    const [big] = judge(ctx, '', series([0.2, 0.12], 'week'), { contacted: series([500, 500], 'week') });
    expect(big).toMatchObject({ periodStart: shiftPeriod(D0, 'week', 1), value: 0.12, expected: 0.2 });
    expect(big.evidence.probability).toBeLessThan(0.001);
    // no judgement without the supports
    expect(judge(ctx, '', series([0.2, 0.12], 'week'), { contacted: series([500, null], 'week') })).toEqual([]);
  });

  it('needs its history, and ignores empty or thin baselines', () => {
    const ctx = context({ kind: 'change', compare: 'same_weekday', weeks: 4, min_weeks: 3 });
    expect(judge(ctx, '', weekdays([100, 100, 10]))).toEqual([]); // two weeks of history
    expect(judge(ctx, '', weekdays([100, 100, 100, 10]))).toHaveLength(1);
    expect(judge(ctx, '', weekdays([0, 0, 0, 10]))).toEqual([]);
    const thin = context({ kind: 'change', compare: 'same_weekday', weeks: 4, min_weeks: 3, min_baseline: 500 });
    expect(judge(thin, '', weekdays([100, 100, 100, 10]))).toEqual([]);
  });

  it('compares with the previous period in the chosen direction', () => {
    const values = series([0.2, 0.2, 0.12, 0.2, 0.3], 'week');
    const drop = context({ kind: 'change', compare: 'previous_period' }, 'week');
    expect(periods(judge(drop, '', values))).toEqual([`${shiftPeriod(D0, 'week', 2)}..${shiftPeriod(D0, 'week', 2)}`]);
    const both = context({ kind: 'change', compare: 'previous_period', direction: 'both' }, 'week');
    expect(judge(both, '', values)).toHaveLength(3);
    expect(judge(both, '', values)[1].message).toMatch(/^M rose 66\.7 % in the week of .*the previous week/);
  });

  it('waits for a settling period before judging', () => {
    const values = series([0.2, 0.1], 'week');
    const lastWeekEnd = addDays(shiftPeriod(D0, 'week', 1), 6);
    const ctx = (asOf: string) => context({ kind: 'change', compare: 'previous_period' }, 'week', { asOf }, 14);
    expect(judge(ctx(addDays(lastWeekEnd, 13)), '', values)).toEqual([]);
    expect(judge(ctx(addDays(lastWeekEnd, 14)), '', values)).toHaveLength(1);
  });

  it('refuses same_weekday on a series that is not daily', () => {
    expect(() => judge(context({ kind: 'change', compare: 'same_weekday' }, 'week'), '', series([1], 'week'))).toThrow(/needs a daily source/);
  });
});

describe('outlier rule', () => {
  const noise = Array.from({ length: 40 }, (_, i) => 100 + ((i * 37) % 11) - 5); // 95..105

  it('fires on a value far from the rolling median, only after enough history', () => {
    const ctx = context({ kind: 'outlier', window: 28, min_history: 14, z: 3.5 });
    expect(judge(ctx, '', series(noise))).toEqual([]);
    const spiked = [...noise];
    spiked[10] = 300; // 10 days of history: silent
    spiked[30] = 300;
    const findings = judge(ctx, '', series(spiked));
    expect(periods(findings)).toEqual([`${day(30)}..${day(30)}`]);
    expect(findings[0].message).toMatch(new RegExp(`^M was 300 on \\w{3} ${day(30)}, far above its usual 10\\d(\\.5)? \\(robust z = \\d+\\.\\d over the previous 28 days\\)\\.$`));
  });

  it('honours the direction and the minimum deviation', () => {
    const dipped = [...noise];
    dipped[30] = 20;
    expect(judge(context({ kind: 'outlier', direction: 'rise' }), '', series(dipped))).toEqual([]);
    expect(judge(context({ kind: 'outlier', direction: 'drop' }), '', series(dipped))).toHaveLength(1);
    expect(judge(context({ kind: 'outlier', min_deviation: 100 }), '', series(dipped))).toEqual([]);
  });

  it('on a log scale, takes a heavy tail in its stride and speaks in the metric\'s units', () => {
    const history = Array.from({ length: 28 }, (_, k) => [1000, 2000, 4000][k % 3]);
    const linear = context({ kind: 'outlier', z: 4 });
    const log = context({ kind: 'outlier', z: 4, scale: 'log' });
    // 9,000: 4.7 robust SDs above 2,000 on the linear scale, 1.5 on the log scale
    expect(judge(linear, '', series([...history, 9000]))).toHaveLength(1);
    expect(judge(log, '', series([...history, 9000]))).toEqual([]);
    const [big] = judge(log, '', series([...history, 1_000_000]));
    expect(big).toMatchObject({ value: 1_000_000, expected: 2000 });
    expect(big.evidence).toMatchObject({ median: 2000, value_scale: 'log' });
    expect(big.message).toMatch(/far above its usual 2,000 \(robust z = \d+\.\d over the previous 28 days on a log scale\)\.$/);
    expect(() => judge(log, '', series([...history, -1]))).toThrow(/scale "log" needs values ≥ 0/);
  });

  it('says so when the history was perfectly constant', () => {
    const flat = [...Array(20).fill(0.02), 0.05];
    const [finding] = judge(context({ kind: 'outlier', metric: 'failure_rate' }), '', series(flat));
    expect(finding.message).toBe(`Failure rate was 5.0 % on Sun ${day(20)}, far above its usual 2.0 % (every one of the previous 20 days was exactly 2.0 %).`);
    expect(finding.evidence.z).toBe('Infinity');
  });
});

describe('proportion rule', () => {
  // 20 ordinary days of 1 complaint in 20 conversations (5 %), then the days judged.
  const history = (extra: [number, number][]) => {
    const pairs: [number, number][] = [...Array.from({ length: 20 }, (): [number, number] => [1, 20]), ...extra];
    return { rates: series(pairs.map(([x, n]) => x / n)), support: series(pairs.map(([, n]) => n)) };
  };
  const rule = { kind: 'proportion', metric: 'complaint_rate', support: 'conversations', min_history: 14 };

  it('fires on a count improbable under the usual rate, not on a small day or a big campaign day', () => {
    const { rates, support } = history([
      [6, 15], // 40 %: P(X ≥ 6 | 15, 5 %) ≈ 6e-5
      [2, 5], // 40 % too, but 2 of 5 happens (P ≈ 0.02)
      [30, 400], // 7.5 % of a campaign day: P ≈ 0.02
    ]);
    const findings = judge(context(rule), '', rates, { conversations: support });
    expect(periods(findings)).toEqual([`${day(20)}..${day(20)}`]);
    expect(findings[0]).toMatchObject({ value: 0.4, expected: 0.05 });
    expect(findings[0].evidence).toMatchObject({ count: 6, support: 15, history: 20, history_support: 400 });
    expect(findings[0].message).toMatch(
      new RegExp(`^Complaint rate was 40\\.0 % \\(6 of 15 conversations\\) on \\w{3} ${day(20)}, far above its usual 5\\.0 % \\(probability 5\\.\\de-5 over the previous 20 days\\)\\.$`),
    );
  });

  it('with usual_rate median, judges ordinary days against the median day, not a pooled rate that big days set', () => {
    // Six days of 2 complaints in 25 (8 %), then a campaign day of 4 in 400 (1 %), for four weeks:
    // pooled 2.9 %, median 8 %. 7 of 25 (28 %): P ≈ 1e-5 at 2.9 %, ≈ 0.01 at 8 %.
    const week: [number, number][] = [[2, 25], [2, 25], [2, 25], [2, 25], [2, 25], [2, 25], [4, 400]];
    const pairs = [...week, ...week, ...week, ...week, [7, 25] as [number, number]];
    const rates = series(pairs.map(([x, n]) => x / n));
    const conversations = series(pairs.map(([, n]) => n));
    expect(periods(judge(context(rule), '', rates, { conversations }))).toEqual([`${day(28)}..${day(28)}`]);
    expect(judge(context({ ...rule, usual_rate: 'median' }), '', rates, { conversations })).toEqual([]);
    rates.set(day(28), 12 / 25); // 48 %: improbable at 8 % too
    const [spike] = judge(context({ ...rule, usual_rate: 'median' }), '', rates, { conversations });
    expect(spike).toMatchObject({ periodStart: day(28), expected: 0.08 });
    expect(spike.evidence).toMatchObject({ usual_rate_of: 'median' });
  });

  it('needs its history, skips days without support, and judges drops when asked', () => {
    const short = history([[6, 15]]);
    expect(judge(context({ ...rule, min_history: 21, window: 28 }), '', short.rates, { conversations: short.support })).toEqual([]);
    const { rates, support } = history([[0, 0], [0, 200]]);
    rates.set(day(20), null);
    expect(judge(context(rule), '', rates, { conversations: support })).toEqual([]);
    const drop = judge(context({ ...rule, direction: 'drop' }), '', rates, { conversations: support });
    expect(periods(drop)).toEqual([`${day(21)}..${day(21)}`]);
    expect(drop[0].message).toMatch(/far below its usual 5\.0 %/);
  });
});

describe('quota rule', () => {
  it('warns over the share of the limit, is critical over the limit, and judges the running period', () => {
    const ctx = context({ kind: 'quota', limit: 1000, warn_at: 0.8, severity: 'warning' }, 'day', { asOf: day(3) });
    const findings = judge(ctx, 'pn-1', series([800, 801, 1001, 900, 2000]));
    expect(findings.map((f) => [f.periodStart, f.severity])).toEqual([
      [day(1), 'warning'],
      [day(2), 'critical'],
      [day(3), 'warning'], // the date judged, even if the day is not over
    ]);
    const monthly = context({ kind: 'quota', limit: 5, metric: 'sends' }, 'month', { asOf: '2026-04-10' });
    const [month] = judge(monthly, 'c1 / promo', series([6], 'month', '2026-04-01'));
    expect(month).toMatchObject({ periodStart: '2026-04-01', periodEnd: '2026-04-30', severity: 'critical' });
    expect(month.message).toBe('Sends of dimension c1 / promo reached 6 in 2026-04: 120.0 % of the limit of 5.');
  });
});

import { describe, expect, it } from 'vitest';
import { planCutoffs } from '../../src/churn/cutoffs.js';
import { addDays, daysBetween } from '../../src/churn/dates.js';

describe('time-based split', () => {
  it('evaluates at the last cut-off with a full label horizon, and trains a horizon before it', () => {
    const plan = planCutoffs('2026-01-01', '2026-12-31', { count: 3, stepDays: 14 });
    expect(plan.evaluation).toBe('2026-11-01');
    expect(plan.training).toEqual(['2026-08-05', '2026-08-19', '2026-09-02']);
    expect(addDays(plan.training[2], 60)).toBe(plan.evaluation);
  });

  it('stops where a cut-off would lack 8 weeks of history', () => {
    const plan = planCutoffs('2026-01-01', '2026-08-10', { count: 10, stepDays: 7 });
    // evaluation 06-11, latest training 04-12, then weekly back to 03-01 (history from 02-26 on)
    expect(plan.training).toEqual(['2026-03-01', '2026-03-08', '2026-03-15', '2026-03-22', '2026-03-29', '2026-04-05', '2026-04-12']);
    expect(daysBetween(addDays('2026-01-01', 56), plan.training[0])).toBe(3);
  });

  it('says how much data is missing when there is too little', () => {
    expect(() => planCutoffs('2026-01-01', '2026-05-01', { count: 6, stepDays: 14 })).toThrow(
      /the data spans 120 days \(2026-01-01 to 2026-05-01\); training needs at least 176/,
    );
  });

  it('rejects dates that are not calendar dates', () => {
    expect(() => planCutoffs('2026-02-30', '2026-12-31', { count: 1, stepDays: 1 })).toThrow(/"2026-02-30" is not a calendar date/);
  });
});

describe('a chosen evaluation cut-off (backtest)', () => {
  it('trains a full horizon before it', () => {
    const plan = planCutoffs('2026-01-01', '2026-12-31', { count: 2, stepDays: 14, evaluation: '2026-07-01' });
    expect(plan).toEqual({ evaluation: '2026-07-01', training: ['2026-04-18', '2026-05-02'] });
  });

  it('refuses one whose horizon runs past the data, or with no room to train before it', () => {
    expect(() => planCutoffs('2026-01-01', '2026-12-31', { count: 2, stepDays: 14, evaluation: '2026-11-02' })).toThrow(
      /2026-11-02 is too late: .*\(latest possible: 2026-11-01\)/,
    );
    expect(() => planCutoffs('2026-01-01', '2026-12-31', { count: 2, stepDays: 14, evaluation: '2026-03-01' })).toThrow(/2026-03-01 is too early/);
  });
});

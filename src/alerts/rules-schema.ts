import { z } from 'zod';

/** The alert rules file (`config/alert-rules.yaml`): the series the rules read, and the rules. */

const name = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a lower-case name such as "complaint_spike"');
const fraction = z.number().min(0).max(1);
const positiveInt = z.number().int().positive();

export const severitySchema = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof severitySchema>;

export const valueFormatSchema = z.enum(['percent', 'duration', 'number']);
export type ValueFormat = z.infer<typeof valueFormatSchema>;

const sourceSchema = z
  .object({
    grain: z.enum(['day', 'week', 'month']),
    /** What a dimension value is, for sentences ("agent", "customer"); empty when the series has none. */
    dimension: z.string().default(''),
    /** The query; default sql/alerts/sources/<name>.sql, or <name>.<engine>.sql where the dialects differ. */
    sql: z.string().optional(),
    /** Days after a period ends before its numbers are final (a conversion window, late statuses). */
    settle_days: z.number().int().min(0).default(0),
    /** Tables the query reads; while one is missing (not built yet) the source's rules are skipped, and the run says so. */
    requires: z.array(z.string()).default([]),
  })
  .strict();

/** Fields every rule has. */
const ruleBase = {
  id: name,
  source: name,
  /** A column of the source's rows. */
  metric: name,
  /** Words for the metric in sentences; default: the metric name with spaces. */
  label: z.string().optional(),
  format: valueFormatSchema.optional(),
  severity: severitySchema.default('warning'),
  /** Dimension values this rule ignores, e.g. ["bot"]. */
  exclude: z.array(z.string()).default([]),
};

const thresholdRule = z
  .object({
    ...ruleBase,
    kind: z.literal('threshold'),
    above: z.number().optional(),
    below: z.number().optional(),
    /** Periods in a row the condition must hold; one alert per run of such periods. */
    consecutive: positiveInt.default(1),
    /**
     * For a rate: the count it is a share of (conversations for a complaint rate). With it, a period
     * is beyond the bound only when its count is improbable at the bound itself (binomial, one-sided
     * P < 1 − confidence): on a day of 20 conversations one complaint is 5 %, and that is chance.
     */
    support: name.optional(),
    confidence: z.number().gt(0).lt(1).default(0.95),
  })
  .strict()
  .refine((rule) => (rule.above === undefined) !== (rule.below === undefined), {
    message: 'give exactly one of "above" or "below"',
  });

const changeRule = z
  .object({
    ...ruleBase,
    kind: z.literal('change'),
    /** same_weekday: the median of the same weekday in the previous `weeks` weeks (daily series); previous_period: the period before. */
    compare: z.enum(['same_weekday', 'previous_period']),
    weeks: positiveInt.default(4),
    /** Baseline periods that must exist (default: all of `weeks`). */
    min_weeks: positiveInt.optional(),
    direction: z.enum(['drop', 'rise', 'both']).default('drop'),
    /** The normal range around the baseline, as a fraction (0.15 = ±15 %). */
    tolerance: fraction.default(0.15),
    /** A baseline smaller than this is too thin to judge. */
    min_baseline: z.number().min(0).default(0),
    /**
     * For a count: fire only when the value is also improbable (one-sided, below this) for a
     * Poisson count with the baseline as its mean, so ordinary day-to-day noise on a small count
     * never leaves the normal range alone.
     */
    alpha: z.number().positive().max(0.5).optional(),
    /**
     * With `alpha`: periods before the current one from which the count's overdispersion is
     * estimated (quasi-Poisson). Counts of messages come in conversations and follow campaigns, so
     * they vary several times more than a Poisson count; without it the test assumes they do not.
     */
    dispersion_window: positiveInt.optional(),
    /**
     * For a rate, with `alpha`: the count it is a share of (customers contacted for a conversion).
     * The period's count is then tested against the baseline periods' pooled count (Fisher's exact
     * test, one-sided), so a week of 2 payments in 11 against 4 in 13 is not a drop.
     */
    support: name.optional(),
  })
  .strict()
  .refine((rule) => rule.support === undefined || rule.alpha !== undefined, { message: '"support" needs "alpha"', path: ['support'] })
  .refine((rule) => rule.support === undefined || rule.dispersion_window === undefined, {
    message: 'give "support" (a rate) or "dispersion_window" (a count), not both',
    path: ['dispersion_window'],
  })
  .refine((rule) => rule.dispersion_window === undefined || rule.alpha !== undefined, {
    message: '"dispersion_window" needs "alpha"',
    path: ['dispersion_window'],
  })
  .refine((rule) => rule.min_weeks === undefined || rule.min_weeks <= rule.weeks, {
    message: '"min_weeks" cannot exceed "weeks"',
    path: ['min_weeks'],
  });

const outlierRule = z
  .object({
    ...ruleBase,
    kind: z.literal('outlier'),
    /** Periods before the current one that form the rolling history. */
    window: positiveInt.default(28),
    /** Values in the window needed before the rule may fire. */
    min_history: positiveInt.default(14),
    /** Robust z-score (x − median) / (1.4826 × MAD) beyond which a value is an outlier. */
    z: z.number().positive().default(3.5),
    direction: z.enum(['drop', 'rise', 'both']).default('both'),
    /** An absolute distance from the median below which nothing fires, whatever the z. */
    min_deviation: z.number().min(0).default(0),
    /**
     * log: judge ln(1 + value) instead (values must be ≥ 0), for heavy-tailed amounts such as
     * revenue, where one large order a month is ordinary; min_deviation stays in the metric's units.
     */
    scale: z.enum(['linear', 'log']).default('linear'),
  })
  .strict()
  .refine((rule) => rule.min_history <= rule.window, { message: '"min_history" cannot exceed "window"', path: ['min_history'] });

const proportionRule = z
  .object({
    ...ruleBase,
    kind: z.literal('proportion'),
    /** The count the rate is a share of (conversations for a complaint rate): small days weigh little. */
    support: name,
    support_label: z.string().optional(),
    /** Periods before the current one whose pooled rate is the usual rate. */
    window: positiveInt.default(28),
    /**
     * pooled: the history's counts over its supports; median: the median of its periods' rates, so
     * that a few periods with many trials and an unusual rate (campaign days, whose replies dilute
     * the complaint rate) do not set the usual rate of every other day.
     */
    usual_rate: z.enum(['pooled', 'median']).default('pooled'),
    min_history: positiveInt.default(14),
    /** Fires when a count this far from the usual rate has a binomial probability under this. */
    alpha: z.number().positive().max(0.5).default(0.0001),
    direction: z.enum(['drop', 'rise', 'both']).default('rise'),
  })
  .strict()
  .refine((rule) => rule.min_history <= rule.window, { message: '"min_history" cannot exceed "window"', path: ['min_history'] });

const quotaRule = z
  .object({
    ...ruleBase,
    kind: z.literal('quota'),
    limit: z.number().positive(),
    /** Fires when the value exceeds this share of the limit; over the limit itself it is critical. */
    warn_at: z.number().positive().max(1).default(1),
  })
  .strict();

export const ruleSchema = z.discriminatedUnion('kind', [thresholdRule, changeRule, outlierRule, proportionRule, quotaRule]);

export const rulesFileSchema = z
  .object({
    sources: z.record(name, sourceSchema),
    rules: z.array(ruleSchema),
  })
  .strict();

export type SourceDefinition = z.infer<typeof sourceSchema>;
export type Rule = z.infer<typeof ruleSchema>;
export type RuleKind = Rule['kind'];
export type ThresholdRule = z.infer<typeof thresholdRule>;
export type ChangeRule = z.infer<typeof changeRule>;
export type OutlierRule = z.infer<typeof outlierRule>;
export type ProportionRule = z.infer<typeof proportionRule>;
export type QuotaRule = z.infer<typeof quotaRule>;
export type RulesFile = z.infer<typeof rulesFileSchema>;

import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

function toMs(text: string): number {
  const [, amount, unit] = /^(\d+)(ms|s|m|h|d)$/.exec(text) as RegExpExecArray;
  return Number(amount) * UNIT_MS[unit as Unit];
}

/** A duration such as "90s", "30m", "24h" or "14d", stored as seconds. */
export const duration = z
  .union([z.number().int().positive(), z.string().regex(/^\d+(s|m|h|d)$/, 'expected a duration like "30m", "24h" or "14d"')])
  .transform((value) => (typeof value === 'number' ? value : toMs(value) / 1000));

/** A delay such as "0s", "250ms" or "5m", or a number of milliseconds; stored as milliseconds. */
export const delayMs = z
  .union([z.number().int().min(0), z.string().regex(/^\d+(ms|s|m|h|d)$/, 'expected a delay like "0s", "250ms" or "5m"')])
  .transform((value) => (typeof value === 'number' ? value : toMs(value)));

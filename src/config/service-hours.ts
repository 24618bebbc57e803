import { z } from 'zod';

/** Weekday keys of `service.opening_hours`, Monday first (ISO weekday = index + 1). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const HOURS = /^([01]\d|2[0-3]):([0-5]\d)-(([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** Seconds after local midnight of "HH:MM". */
function secondsOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours * 3600 + minutes * 60;
}

export interface OpenInterval {
  open_s: number;
  close_s: number;
}

/** "09:00-18:00" → seconds after local midnight; close may be 24:00, and must follow open. */
const interval = z
  .string()
  .regex(HOURS, 'expected opening hours like "09:00-18:00" (24-hour clock, close at most "24:00")')
  .transform((text, ctx): OpenInterval => {
    const [open, close] = text.split('-').map(secondsOf);
    if (close <= open) ctx.addIssue({ code: 'custom', message: `"${text}" closes before it opens: split an overnight shift into "22:00-24:00" and the next day's "00:00-06:00"` });
    return { open_s: open, close_s: close };
  });

/** One weekday's intervals, sorted and non-overlapping. */
const daySchedule = z.array(interval).superRefine((intervals, ctx) => {
  const sorted = [...intervals].sort((a, b) => a.open_s - b.open_s);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].open_s < sorted[i - 1].close_s) ctx.addIssue({ code: 'custom', message: 'opening hours of one day overlap' });
  }
});

const ALWAYS_OPEN = ['00:00-24:00'];

/**
 * Business hours in the business time zone: intervals per weekday (a weekday left out is closed),
 * holidays (local dates, closed all day) and teams (team → agent ids). Without `opening_hours`
 * the business is open around the clock, so business-hours figures equal the elapsed ones.
 */
export const serviceSettings = z
  .object({
    opening_hours: z
      .object({
        mon: daySchedule.default([]),
        tue: daySchedule.default([]),
        wed: daySchedule.default([]),
        thu: daySchedule.default([]),
        fri: daySchedule.default([]),
        sat: daySchedule.default([]),
        sun: daySchedule.default([]),
      })
      .strict()
      .prefault({ mon: ALWAYS_OPEN, tue: ALWAYS_OPEN, wed: ALWAYS_OPEN, thu: ALWAYS_OPEN, fri: ALWAYS_OPEN, sat: ALWAYS_OPEN, sun: ALWAYS_OPEN }),
    holidays: z.array(z.iso.date('expected a local date like "2026-12-25"')).default([]),
    teams: z
      .record(z.string().regex(/^[A-Za-z0-9_.-]+$/, 'expected a team name of letters, digits, "_", "-" or "."'), z.array(z.string().min(1)).min(1, 'a team needs at least one agent id'))
      .default({})
      .superRefine((teams, ctx) => {
        const teamOf = new Map<string, string>();
        for (const [team, agents] of Object.entries(teams)) {
          agents.forEach((agent, i) => {
            const other = teamOf.get(agent);
            if (other !== undefined) ctx.addIssue({ code: 'custom', path: [team, i], message: `agent "${agent}" is already in team "${other}"` });
            teamOf.set(agent, team);
          });
        }
      }),
  })
  .strict();

export type ServiceSettings = z.infer<typeof serviceSettings>;

import { z } from 'zod';
import { defineStage } from '../pipelines/stage.js';
import { writeWeeklyReport } from './run.js';
import { lastCompleteWeek, parseIsoWeek, WeekError } from './week.js';

const options = z
  .object({
    /** An ISO week such as 2026-W47; default: the last complete week in the configured time zone. */
    week: z
      .string()
      .superRefine((value, ctx) => {
        try {
          parseIsoWeek(value);
        } catch (error) {
          if (!(error instanceof WeekError)) throw error;
          ctx.addIssue({ code: 'custom', message: error.message });
        }
      })
      .optional(),
    /** Output folder; default: `<reports.out_dir>/<week>`. */
    out: z.string().optional(),
  })
  .strict();

/** The `reports` stage: the weekly workbook, page and charts for the week that has just ended. */
export const reportsStage = defineStage({
  name: 'reports',
  description: 'write the weekly Excel workbook, HTML page and charts for an ISO week',
  options,
  async run({ warehouse, config, log }, { week, out }) {
    const summary = await writeWeeklyReport(warehouse, config, {
      week: week ? parseIsoWeek(week) : lastCompleteWeek(config.timezone),
      outDir: out,
    });
    for (const warning of summary.warnings) log.warn(warning);
    log.info(`weekly report ${summary.week} → ${summary.outDir}`);
    const files = 2 + summary.files.charts.length * 3;
    return { rowsIn: 0, rowsOut: files, rowsRejected: 0, detail: { ...summary } };
  },
});

import { join } from 'node:path';
import { z } from 'zod';
import { defineStage } from '../pipelines/stage.js';
import { writeWeeklyReport } from './run.js';
import { defaultReportWeek } from './default-week.js';
import { parseIsoWeek, WeekError } from './week.js';

const options = z
  .object({
    /** An ISO week such as 2026-W47; default: the last complete week (of the clock, or of the data when it ends earlier). */
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
      week: week ? parseIsoWeek(week) : await defaultReportWeek(warehouse, config.timezone),
      outDir: out,
    });
    for (const warning of summary.warnings) log.warn(warning);
    log.info(`weekly report ${summary.week} → ${summary.outDir}`);
    const files = 2 + summary.files.charts.length * 3;
    // `outputs` is what `scrm demo` lists at the end (label → path).
    const outputs = { 'report workbook': summary.files.workbook, 'report page': summary.files.html, 'report charts': join(summary.outDir, 'charts') };
    return { rowsIn: 0, rowsOut: files, rowsRejected: 0, detail: { ...summary, outputs } };
  },
});

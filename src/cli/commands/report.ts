import { InvalidArgumentError, type Command } from 'commander';
import { writeWeeklyReport } from '../../reports/run.js';
import { lastCompleteWeek, parseIsoWeek, WeekError, type IsoWeek } from '../../reports/week.js';
import { globalOptions, withWarehouse } from '../context.js';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write the weekly reports (Excel workbook, HTML page, Vega-Lite/SVG/PNG charts) for an ISO week')
    .option('--week <week>', 'ISO week in the configured time zone, e.g. 2026-W47 (default: the last complete week)', weekOption)
    .option('--out <dir>', 'output folder (default: <reports.out_dir>/<week>, i.e. data/reports/<week>)')
    .action(async (options: { week?: IsoWeek; out?: string }, command: Command) => {
      const summary = await withWarehouse(command, (warehouse, config) =>
        writeWeeklyReport(warehouse, config, {
          week: options.week ?? lastCompleteWeek(config.timezone),
          outDir: options.out,
        }),
      );
      if (globalOptions(command).json) {
        console.log(JSON.stringify(summary));
        return;
      }
      console.log(`weekly report ${summary.week} (vs ${summary.previousWeek}) in ${summary.timingsMs.total} ms → ${summary.outDir}`);
      console.log(`  workbook  ${summary.files.workbook}`);
      console.log(`  page      ${summary.files.html}`);
      console.log(`  charts    ${summary.files.charts.length} × (.vl.json, .svg, .png) in ${summary.outDir}/charts`);
      for (const warning of summary.warnings) console.error(`warning: ${warning}`);
    });
}

/** A bad week is a usage error (exit 2), reported by commander like any other bad option. */
function weekOption(value: string): IsoWeek {
  try {
    return parseIsoWeek(value);
  } catch (error) {
    if (error instanceof WeekError) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

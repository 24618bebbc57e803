import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../../config/schema.js';
import { sinkConfigs } from '../../crm-sync/sinks/index.js';
import { FILES } from '../../generate/output.js';
import { generateDataset } from '../../generate/generate.js';
import { GENERATE_DEFAULTS, withGeneratedShopNames } from '../../generate/options.js';
import { runDemoPipeline } from '../../pipelines/demo.js';
import { configFor, globalOptions, type CliServices } from '../context.js';
import { ExitCode } from '../exit-codes.js';
import { ConsoleRunReporter } from '../run-reporter.js';

interface DemoOptions {
  out: string;
  customers: number;
  days: number;
  seed: string;
  conversationsPerMonth: number;
  regenerate?: boolean;
}

/** The demo data set: sized so the whole job finishes in about a minute on two cores. */
const DEMO_CUSTOMERS = 1500;
const DEMO_DAYS = 240;

export function registerDemo(program: Command, services: CliServices): void {
  program
    .command('demo')
    .description('generate a demo data set and run the whole job on it (the `demo` pipeline), then say where each output is')
    .option('--out <dir>', 'where the demo data set is (generated when missing)', 'data/demo')
    .option('--customers <n>', 'customers in a generated data set', Number, DEMO_CUSTOMERS)
    .option('--days <n>', 'days in a generated data set', Number, DEMO_DAYS)
    .option('--seed <seed>', 'seed of a generated data set', String(GENERATE_DEFAULTS.seed))
    .option('--conversations-per-month <n>', 'how often customers write in a generated data set (see scrm generate)', Number, GENERATE_DEFAULTS.conversationsPerMonth)
    .option('--regenerate', 'write the data set again even when it exists')
    .action(async (options: DemoOptions, command: Command) => {
      const config = withGeneratedShopNames(configFor(command));
      const json = Boolean(globalOptions(command).json);
      const say = (line: string) => (json ? undefined : console.log(line));
      if (options.regenerate || !existsSync(join(options.out, FILES.groundTruth))) {
        say(`generating ${options.customers} customers over ${options.days} days into ${options.out} …`);
        const generated = await generateDataset({
          outDir: options.out,
          customers: options.customers,
          days: options.days,
          seed: options.seed,
          conversationsPerMonth: options.conversationsPerMonth,
          timezone: config.timezone,
          homeRegion: config.default_region,
          force: true,
        });
        say(`  ${generated.messages} messages, ${generated.statuses} statuses, ${generated.orders} orders in ${(generated.elapsedMs / 1000).toFixed(1)} s`);
      }
      const reporter = new ConsoleRunReporter({ json, timeZone: config.timezone });
      const run = await runDemoPipeline(config, services.stages, options.out, reporter);
      reporter.summary(run);
      if (run.status !== 'succeeded') {
        process.exitCode = ExitCode.failed;
        return;
      }
      const where = config.engine === 'duckdb' ? resolve(config.duckdb.path) : `${config.clickhouse.url} (database ${config.clickhouse.database})`;
      say('');
      say('outputs:');
      say(`  warehouse        ${where}   (try: npx scrm query "select * from mart_service_daily order by local_date desc limit 7")`);
      say(`  demo data        ${resolve(options.out)}   (ground truth: ${FILES.groundTruth})`);
      for (const step of run.steps) {
        for (const [label, value] of outputsOf(step.step, step.detail, config)) say(`  ${label.padEnd(16)} ${value}`);
      }
      say(`  run log          npx scrm runs ${run.runId}`);
    });
}

/** Where a stage's outputs are, from what it reported in the run log. */
function outputsOf(stage: string, detail: Record<string, unknown> | null, config: Config): [string, string][] {
  const d = (detail ?? {}) as Record<string, any>;
  switch (stage) {
    case 'reports':
      return [['weekly workbook', d.files?.workbook], ['weekly HTML', d.files?.html], ['charts', d.outDir && `${d.outDir}/charts/`]].filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      );
    case 'churn':
      return d.model_file ? [['churn model', `${resolve(d.model_file)} (+ model card); scores in table churn_scores`]] : [];
    case 'alerts':
      return [['alerts', `${d.found ?? 0} found, in table alerts`]];
    case 'crm-sync':
      return sinkConfigs(config.crm).map((sink): [string, string] => [
        'CRM writeback',
        sink.type === 'file'
          ? `${resolve(sink.path)}${config.crm.sinks.length ? '' : ' (file outbox: no CRM configured in crm.sinks)'}`
          : `${sink.type} sink ${sink.name ?? sink.type}`,
      ]);
    default:
      return [];
  }
}

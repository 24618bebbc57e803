import type { Command } from 'commander';
import { generateDataset } from '../../generate/generate.js';
import { GENERATE_DEFAULTS, GenerateOptionsError, parseMarket } from '../../generate/options.js';
import { configFor, globalOptions } from '../context.js';

interface GenerateFlags {
  customers: string;
  days: string;
  seed: string;
  out: string;
  endDate: string;
  timezone?: string;
  market?: string;
  conversationsPerMonth: string;
  gzip?: boolean;
  chatExports: string;
  force?: boolean;
}

export function registerGenerate(program: Command): void {
  program
    .command('generate')
    .description('write a deterministic demo data set in the real input formats (webhooks, send log, clicks, orders, CRM, chat exports)')
    .option('-n, --customers <n>', 'people in the customer base', String(GENERATE_DEFAULTS.customers))
    .option('-d, --days <n>', 'length of the period in days', String(GENERATE_DEFAULTS.days))
    .option('-s, --seed <seed>', 'seed: the same seed gives byte-identical files', GENERATE_DEFAULTS.seed)
    .option('-o, --out <dir>', 'output folder', 'data/demo')
    .option('--end-date <date>', 'last local date of the period (YYYY-MM-DD)', GENERATE_DEFAULTS.endDate)
    .option('--timezone <zone>', 'business time zone (default: the config timezone)')
    .option('--market <weights>', 'customer share per country, e.g. HK=0.4,TW=0.2,ES=0.4')
    .option('--conversations-per-month <n>', 'conversations the average customer starts a month (1 for a shop written to now and then, 4+ for weekly customers)', String(GENERATE_DEFAULTS.conversationsPerMonth))
    .option('--gzip', 'gzip the webhook files (.ndjson.gz)')
    .option('--chat-exports <n>', 'number of chat-export .txt files', String(GENERATE_DEFAULTS.chatExports))
    .option('--force', 'replace a data set already in the output folder')
    .action(async (flags: GenerateFlags, command: Command) => {
      const config = configFor(command);
      const quiet = globalOptions(command).json || !process.stderr.isTTY;
      const summary = await generateDataset({
        outDir: flags.out,
        customers: wholeNumber(flags.customers, '--customers'),
        days: wholeNumber(flags.days, '--days'),
        seed: flags.seed,
        endDate: flags.endDate,
        timezone: flags.timezone ?? config.timezone,
        market: flags.market ? parseMarket(flags.market) : undefined,
        conversationsPerMonth: decimalNumber(flags.conversationsPerMonth, '--conversations-per-month'),
        homeRegion: config.default_region,
        gzip: flags.gzip ?? false,
        chatExports: wholeNumber(flags.chatExports, '--chat-exports'),
        force: flags.force ?? false,
        onProgress: quiet ? undefined : (done, total) => process.stderr.write(`\rgenerating: day ${done}/${total}${done === total ? '\n' : ''}`),
      });
      if (globalOptions(command).json) {
        console.log(JSON.stringify(summary));
        return;
      }
      const megabytes = summary.files.reduce((sum, file) => sum + file.bytes, 0) / 1e6;
      console.log(
        [
          `generated ${summary.messages} messages (${summary.inboundMessages} inbound, ${summary.outboundMessages} outbound), ${summary.statuses} statuses, ${summary.clicks} clicks, ${summary.orders} orders`,
          `  ${summary.customers} customers (+${summary.secondNumbers} second numbers, ${summary.churners} churners), ${summary.startDate} … ${summary.endDate} ${summary.timezone}, seed "${summary.seed}"`,
          `  ${summary.files.length} files, ${megabytes.toFixed(1)} MB in ${summary.outDir} (${(summary.elapsedMs / 1000).toFixed(1)} s)`,
          `  ground truth: ${summary.groundTruth}`,
        ].join('\n'),
      );
    });
}

function wholeNumber(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new GenerateOptionsError(`generate: ${flag}: expected a whole number, got "${text}"`);
  return Number(text);
}

function decimalNumber(text: string, flag: string): number {
  if (!/^\d+(\.\d+)?$/.test(text)) throw new GenerateOptionsError(`generate: ${flag}: expected a number such as 1.5, got "${text}"`);
  return Number(text);
}

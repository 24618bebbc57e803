import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config/load.js';
import { registerCommands } from './commands/index.js';

const program = new Command('scrm')
  .description('WhatsApp Business conversation analytics: ingest, models, churn, reports and CRM sync')
  .addOption(new Option('-e, --engine <engine>', 'warehouse engine (overrides config)').choices(['duckdb', 'clickhouse']))
  .option('-c, --config <file>', 'config file (default: scrm.config.json or scrm.config.yaml if present)')
  .option('-w, --warehouse <path>', 'DuckDB warehouse file (also SCRM_WAREHOUSE)')
  .option('--json', 'machine-readable output')
  .showHelpAfterError()
  .exitOverride();

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

/** 0 ok, 1 the work failed, 2 the invocation or configuration is wrong. */
function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
  if (error instanceof ConfigError) {
    console.error(`scrm: config error: ${error.message}`);
    return 2;
  }
  console.error(`scrm: ${(error as Error).message ?? error}`);
  if (process.env.SCRM_DEBUG) console.error(error);
  return 1;
}

import { Command, CommanderError, Option } from 'commander';
import { ConfigError } from '../config/load.js';
import { LockedError } from '../pipelines/lock.js';
import { StageRegistry } from '../pipelines/registry.js';
import type { Stage } from '../pipelines/stage.js';
import { STAGES } from '../pipelines/stages.js';
import { registerCommands } from './commands/index.js';
import { EXIT_CODES_HELP, exitCodeFor } from './exit-codes.js';
import { styleFor } from './style.js';

export interface CliOptions {
  /** The stages pipelines can name; the registered ones unless a test adds its own. */
  stages?: readonly Stage[];
}

/** The `scrm` program with every command registered, not yet parsed. */
export function createProgram(options: CliOptions = {}): Command {
  const program = new Command('scrm')
    .description('WhatsApp Business conversation analytics: ingest, models, churn, reports and CRM sync')
    .addOption(new Option('-e, --engine <engine>', 'warehouse engine (overrides config)').choices(['duckdb', 'clickhouse']))
    .option('-c, --config <file>', 'config file (default: scrm.config.json or scrm.config.yaml if present)')
    .option('-w, --warehouse <path>', 'DuckDB warehouse file (also SCRM_WAREHOUSE)')
    .option('--json', 'machine-readable output')
    .addHelpText('after', EXIT_CODES_HELP)
    // The global options work after any command too, so each command's help lists them.
    .configureHelp({ showGlobalOptions: true })
    .showHelpAfterError()
    .exitOverride();
  registerCommands(program, { stages: new StageRegistry(options.stages ?? STAGES) });
  return program;
}

/** Runs the `scrm` command line and returns its exit code. */
export async function runCli(argv: readonly string[], options: CliOptions = {}): Promise<number> {
  const program = createProgram(options);
  try {
    await program.parseAsync([...argv]);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  const code = exitCodeFor(error);
  // Commander has already printed its own usage error.
  if (error instanceof CommanderError) return code;
  const style = styleFor(process.stderr);
  const kind = error instanceof ConfigError ? 'config error: ' : '';
  const hint = error instanceof LockedError ? ' (add --wait to wait for it)' : '';
  console.error(`${style.red('scrm:')} ${kind}${(error as Error).message ?? String(error)}${hint}`);
  if (process.env.SCRM_DEBUG) console.error(error);
  return code;
}

import type { Command } from 'commander';
import { registerInit } from './init.js';
import { registerQuery } from './query.js';
import { registerReport } from './report.js';

/** Every command of the CLI, in the order `scrm --help` lists them. */
export function registerCommands(program: Command): void {
  registerInit(program);
  registerQuery(program);
  registerReport(program);
}

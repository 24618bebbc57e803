import type { Command } from 'commander';
import { registerAnalysts } from './analysts.js';
import { registerInit } from './init.js';
import { registerQuery } from './query.js';
import { registerRetention } from './retention.js';

/** Every command of the CLI, in the order `scrm --help` lists them. */
export function registerCommands(program: Command): void {
  registerInit(program);
  registerQuery(program);
  registerRetention(program);
  registerAnalysts(program);
}

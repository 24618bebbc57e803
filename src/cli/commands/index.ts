import type { Command } from 'commander';
import { registerGenerate } from './generate.js';
import { registerInit } from './init.js';
import { registerQuery } from './query.js';

/** Every command of the CLI, in the order `scrm --help` lists them. */
export function registerCommands(program: Command): void {
  registerInit(program);
  registerQuery(program);
  registerGenerate(program);
}

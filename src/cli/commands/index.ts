import type { Command } from 'commander';
import { registerIngest } from './ingest.js';
import { registerInit } from './init.js';
import { registerQuery } from './query.js';
import { registerServe } from './serve.js';

/** Every command of the CLI, in the order `scrm --help` lists them. */
export function registerCommands(program: Command): void {
  registerInit(program);
  registerIngest(program);
  registerQuery(program);
  registerServe(program);
}

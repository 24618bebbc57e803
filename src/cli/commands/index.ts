import type { Command } from 'commander';
import { registerAlert } from './alert.js';
import { registerInit } from './init.js';
import { registerQuery } from './query.js';
import { registerSyncCrm } from './sync-crm.js';

/** Every command of the CLI, in the order `scrm --help` lists them. */
export function registerCommands(program: Command): void {
  registerInit(program);
  registerQuery(program);
  registerAlert(program);
  registerSyncCrm(program);
}

import type { Command } from 'commander';
import { registerInit } from './init.js';
import { registerModels } from './models.js';
import { registerQuery } from './query.js';
import { registerReport } from './report.js';
import { registerTestModels } from './test-models.js';
import { registerTransform } from './transform.js';

/** Every command of the CLI, in the order `scrm --help` lists them. */
export function registerCommands(program: Command): void {
  registerInit(program);
  registerQuery(program);
  registerTransform(program);
  registerModels(program);
  registerTestModels(program);
  registerReport(program);
}

import type { Command } from 'commander';
import { registerChurn } from './churn.js';
import { registerGenerate } from './generate.js';
import { registerInit } from './init.js';
import { registerModels } from './models.js';
import { registerQuery } from './query.js';
import { registerTestModels } from './test-models.js';
import { registerTransform } from './transform.js';

/** Every command of the CLI, in the order `scrm --help` lists them. */
export function registerCommands(program: Command): void {
  registerInit(program);
  registerQuery(program);
  registerGenerate(program);
  registerTransform(program);
  registerModels(program);
  registerTestModels(program);
  registerChurn(program);
}

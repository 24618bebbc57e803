import type { Command } from 'commander';
import type { CliServices } from '../context.js';
import { registerAnalysts } from './analysts.js';
import { registerInit } from './init.js';
import { registerModels } from './models.js';
import { registerPipelines } from './pipelines.js';
import { registerQuery } from './query.js';
import { registerReport } from './report.js';
import { registerRetention } from './retention.js';
import { registerRun } from './run.js';
import { registerRuns } from './runs.js';
import { registerSchedule } from './schedule.js';
import { registerTestModels } from './test-models.js';
import { registerTransform } from './transform.js';

/** Every command of the CLI, in the order `scrm --help` lists them. */
export function registerCommands(program: Command, services: CliServices): void {
  registerInit(program);
  registerQuery(program);
  registerRetention(program);
  registerAnalysts(program);
  registerRun(program, services);
  registerSchedule(program, services);
  registerRuns(program);
  registerPipelines(program, services);
  registerTransform(program);
  registerModels(program);
  registerTestModels(program);
  registerReport(program);
}

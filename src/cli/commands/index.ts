import type { Command } from 'commander';
import type { CliServices } from '../context.js';
import { registerAnalysts } from './analysts.js';
import { registerArchiveLanding } from './archive-landing.js';
import { registerIngest } from './ingest.js';
import { registerAlert } from './alert.js';
import { registerChurn } from './churn.js';
import { registerDemo } from './demo.js';
import { registerGenerate } from './generate.js';
import { registerInit } from './init.js';
import { registerModels } from './models.js';
import { registerPipelines } from './pipelines.js';
import { registerQuery } from './query.js';
import { registerReport } from './report.js';
import { registerRetention } from './retention.js';
import { registerRun } from './run.js';
import { registerRuns } from './runs.js';
import { registerSchedule } from './schedule.js';
import { registerServe } from './serve.js';
import { registerTestModels } from './test-models.js';
import { registerTransform } from './transform.js';
import { registerSyncCrm } from './sync-crm.js';

/** Every command of the CLI, in the order `scrm --help` lists them. */
export function registerCommands(program: Command, services: CliServices): void {
  registerInit(program);
  registerIngest(program);
  registerQuery(program);
  registerDemo(program, services);
  registerGenerate(program);
  registerTransform(program);
  registerModels(program);
  registerTestModels(program);
  registerChurn(program);
  registerRetention(program);
  registerArchiveLanding(program);
  registerAnalysts(program);
  registerRun(program, services);
  registerSchedule(program, services);
  registerRuns(program);
  registerPipelines(program, services);
  registerServe(program);
  registerAlert(program);
  registerSyncCrm(program);
  registerReport(program);
}

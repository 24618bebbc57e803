import { churnStage, churnTrainStage } from '../churn/stages.js';
import { reportsStage } from '../reports/stage.js';
import { initStage } from '../warehouse/init.js';
import { transformStage } from '../transform/stage.js';
import type { Stage } from './stage.js';

/** Every stage a pipeline file can name. Registering a stage is one line here. */
export const STAGES: readonly Stage[] = [
  initStage,
  transformStage,
  churnStage,
  churnTrainStage,
  reportsStage,
];

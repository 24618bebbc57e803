import { alertsStage } from '../alerts/stage.js';
import { churnStage, churnTrainStage } from '../churn/stages.js';
import { crmSyncStage } from '../crm-sync/stage.js';
import { reportsStage } from '../reports/stage.js';
import { ingestStage } from '../ingest/stage.js';
import { initStage } from '../warehouse/init.js';
import { archiveLandingStage } from '../retention/stage.js';
import { transformStage } from '../transform/stage.js';
import type { Stage } from './stage.js';

/** Every stage a pipeline file can name. Registering a stage is one line here. */
export const STAGES: readonly Stage[] = [
  initStage,
  ingestStage,
  archiveLandingStage,
  transformStage,
  churnStage,
  churnTrainStage,
  reportsStage,
  alertsStage,
  crmSyncStage,
];

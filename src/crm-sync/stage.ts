import { z } from 'zod';
import { defineStage } from '../pipelines/stage.js';
import { syncCrm } from './run.js';

/** The `crm-sync` stage: churn flags, segment and price tags and alerts to the CRM sinks, through the outbox. */
export const crmSyncStage = defineStage({
  name: 'crm-sync',
  description: 'send churn flags, segment and price tags and alerts to the configured CRM sinks through the outbox',
  options: z
    .object({
      /** Wait (up to crm.wait_up_to) for retries that fall due; false leaves them to the next run. */
      wait: z.boolean().default(true),
    })
    .strict(),
  async run({ warehouse, config, log, signal }, { wait }) {
    const summary = await syncCrm(warehouse, config, { noWait: !wait, signal });
    for (const skip of summary.skipped) log.warn(`skipped ${skip.kind}: ${skip.reason}`);
    for (const sink of summary.sinks) {
      log.info(`${sink.sink}: ${sink.enqueued} enqueued, ${sink.delivered} delivered, ${sink.pending} pending, ${sink.dead} dead`);
      if (sink.dead) log.warn(`${sink.sink}: ${sink.dead} deliveries gave up (${Object.keys(sink.errors).join(', ')}); see crm_outbox_attempts`);
    }
    const total = (key: 'enqueued' | 'delivered' | 'dead') => summary.sinks.reduce((n, sink) => n + sink[key], 0);
    return { rowsIn: total('enqueued'), rowsOut: total('delivered'), rowsRejected: total('dead'), detail: { ...summary } };
  },
});

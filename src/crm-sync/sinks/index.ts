import { sinkSchema, type CrmConfig, type SinkConfig } from '../config.js';
import { FileSink } from './file.js';
import { HubSpotSink } from './hubspot.js';
import { SqlSink } from './sql.js';
import type { Sink } from './types.js';
import { WebhookSink } from './webhook.js';

/** The configured sinks' settings; with none configured, the NDJSON file outbox under data/. */
export function sinkConfigs(config: CrmConfig): SinkConfig[] {
  return config.sinks.length ? config.sinks : [sinkSchema.parse({ type: 'file' })];
}

export function createSinks(config: CrmConfig, env: NodeJS.ProcessEnv): Sink[] {
  return sinkConfigs(config).map((sink) => {
    switch (sink.type) {
      case 'webhook':
        return new WebhookSink(sink, env);
      case 'hubspot':
        return new HubSpotSink(sink, env);
      case 'sql':
        return new SqlSink(sink, env);
      case 'file':
        return new FileSink(sink);
    }
  });
}

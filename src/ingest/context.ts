import type { CountryCode } from 'libphonenumber-js';
import type { Config } from '../config/schema.js';
import type { IngestContext } from './source.js';

/** The ingest context of a run, from the validated configuration. */
export function ingestContext(config: Config, now = Date.now()): IngestContext {
  return {
    defaultRegion: config.default_region as CountryCode,
    timezone: config.timezone,
    businessSenderNames: config.business.sender_names,
    ingestedAtMs: now,
    maxRecordBytes: config.ingest.max_record_bytes,
  };
}

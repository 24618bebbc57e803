import type { LineSource } from '../source.js';
import { parseWebhook } from './webhook.js';

/** WhatsApp Cloud API webhook bodies: one JSON body per `.json` file, or NDJSON; plain or gzip. */
export const source: LineSource = {
  kind: 'lines',
  name: 'whatsapp',
  rejectSource: 'whatsapp',
  description: 'WhatsApp Cloud API webhook bodies (JSON per file or NDJSON, plain or gzip)',
  module: import.meta.url,
  parseLine: parseWebhook,
};

import { source as clicks } from './clicks/index.js';
import { source as crm } from './crm/index.js';
import { source as orders } from './orders/index.js';
import { source as sendLog } from './send-log/index.js';
import type { Source } from './source.js';
import { source as whatsapp } from './whatsapp/index.js';

/** Every source `scrm ingest` knows, by its CLI name. */
export const SOURCES: Readonly<Record<string, Source>> = {
  whatsapp,
  'send-log': sendLog,
  clicks,
  orders,
  crm,
};

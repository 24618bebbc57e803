import type { Source } from './source.js';
import { source as whatsapp } from './whatsapp/index.js';

/** Every source `scrm ingest` knows, by its CLI name. */
export const SOURCES: Readonly<Record<string, Source>> = {
  whatsapp,
};

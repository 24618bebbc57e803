import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILES } from '../generate/output.js';
import { configured } from './configure.js';
import type { Source } from './source.js';
import { SOURCES } from './sources.js';

export interface IngestStep {
  source: Source;
  inputs: string[];
}

/** Which source reads which part of a data set in the layout `scrm generate` writes, in load order. */
const LAYOUT: readonly { source: string; path: string }[] = [
  { source: 'crm', path: FILES.crm },
  { source: 'whatsapp', path: FILES.webhooks },
  { source: 'send-log', path: FILES.sendLog },
  { source: 'clicks', path: FILES.clicks },
  { source: 'orders', path: FILES.orders },
];

/** The ingest steps for a generated data set: every source, and each chat export with its customer's phone. */
export function datasetSteps(dir: string): IngestStep[] {
  if (!existsSync(join(dir, FILES.sendLog))) {
    throw new Error(`${dir} is not a generated data set (no ${FILES.sendLog}): run \`scrm generate --out ${dir}\``);
  }
  const steps = LAYOUT.filter((part) => existsSync(join(dir, part.path))).map((part) => ({
    source: SOURCES[part.source],
    inputs: [join(dir, part.path)],
  }));
  return [...steps, ...chatExportSteps(join(dir, FILES.exports))];
}

/**
 * Exports of saved contacts name the customer, not the number; the generator's `index.json` says
 * whose chat each file is, as a shop's own records would.
 */
function chatExportSteps(dir: string): IngestStep[] {
  const index = join(dir, 'index.json');
  if (!existsSync(index)) return existsSync(dir) ? [{ source: SOURCES['chat-export'], inputs: [dir] }] : [];
  const entries = JSON.parse(readFileSync(index, 'utf8')) as { file: string; customer_phone: string }[];
  return entries.map((entry) => ({
    source: configured(SOURCES['chat-export'], { phone: entry.customer_phone }),
    inputs: [join(dir, entry.file)],
  }));
}

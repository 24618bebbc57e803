import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FILES } from '../generate/output.js';

/** Which source reads which part of a data set in the layout `scrm generate` writes, in load order. */
const LAYOUT: readonly { source: string; path: string }[] = [
  { source: 'crm', path: FILES.crm },
  { source: 'whatsapp', path: FILES.webhooks },
  { source: 'send-log', path: FILES.sendLog },
  { source: 'clicks', path: FILES.clicks },
  { source: 'orders', path: FILES.orders },
  { source: 'chat-export', path: FILES.exports },
];

export function datasetInputs(dir: string): { source: string; inputs: string[] }[] {
  if (!existsSync(join(dir, FILES.groundTruth)) && !existsSync(join(dir, FILES.sendLog))) {
    throw new Error(`${dir} is not a generated data set (no ${FILES.sendLog}): run \`scrm generate --out ${dir}\``);
  }
  return LAYOUT.filter((part) => existsSync(join(dir, part.path))).map((part) => ({ source: part.source, inputs: [join(dir, part.path)] }));
}

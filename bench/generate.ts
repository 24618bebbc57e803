import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDataset } from '../src/generate/generate.js';
import { medianOfRuns, round, timed, type BenchOptions, type BenchResult } from './measure.js';

const DAYS = 180;
/** Content messages one customer produces over 180 days with the default behaviour (measured). */
const MESSAGES_PER_CUSTOMER = 49;

/**
 * Time to generate the demo data set (`scrm generate`) of about `messages` content messages; its
 * stage's peak memory must stay flat as the size grows (streamed writes).
 */
export async function benchGenerate(options: BenchOptions): Promise<BenchResult[]> {
  const outDir = join(process.cwd(), 'bench', 'tmp', 'generate');
  const customers = Math.ceil(options.messages / MESSAGES_PER_CUSTOMER);
  const rates: number[] = [];
  let generated = 0;
  try {
    for (let run = 0; run < options.runs; run++) {
      const { seconds, value } = await timed(() => generateDataset({ outDir, customers, days: DAYS, seed: 'bench', force: true }));
      generated = value.messages;
      rates.push(Math.round(value.messages / seconds));
    }
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
  return [
    {
      name: 'generate',
      engine: 'none',
      metric: 'messages_per_second',
      ...medianOfRuns(rates, Math.round),
      details: { messages: generated, customers, days: DAYS, seconds: rates.map((rate) => round(generated / rate)) },
    },
  ];
}

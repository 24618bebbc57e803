import { rm } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateDataset } from '../src/generate/generate.js';
import type { BenchResult } from './run.js';

const MESSAGES = Number(process.env.SCRM_BENCH_MESSAGES ?? 1_000_000);
const DAYS = 180;
/** Content messages one customer produces over 180 days with the default behaviour (measured). */
const MESSAGES_PER_CUSTOMER = 49;

/**
 * Time to generate a data set of about `SCRM_BENCH_MESSAGES` content messages (default 1 M), with
 * the CPU it took and the peak memory, which must stay flat as the size grows (streamed writes).
 */
export async function benchGenerate(): Promise<BenchResult[]> {
  const outDir = join(process.cwd(), 'bench', 'tmp', 'generate');
  const customers = Math.ceil(MESSAGES / MESSAGES_PER_CUSTOMER);
  let peakRss = process.memoryUsage().rss;
  const load = loadavg()[0];
  const cpu = process.cpuUsage();
  const started = performance.now();
  try {
    const summary = await generateDataset({
      outDir,
      customers,
      days: DAYS,
      seed: 'bench',
      force: true,
      onProgress: () => {
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    return [
      {
        name: 'generate',
        engine: 'none',
        metric: 'messages_per_second',
        value: Math.round(summary.messages / seconds),
        details: {
          messages: summary.messages,
          statuses: summary.statuses,
          customers,
          days: DAYS,
          seconds: Math.round(seconds * 10) / 10,
          process_cpu_seconds: Math.round(((used.user + used.system) / 1e6) * 10) / 10,
          peak_rss_mb: Math.round(peakRss / 1e6),
          megabytes_written: Math.round(summary.files.reduce((sum, file) => sum + file.bytes, 0) / 1e6),
          load_average_at_start: Math.round(load * 10) / 10,
        },
      },
    ];
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

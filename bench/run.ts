import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchIngest } from './ingest.js';
import { benchModels } from './models.js';

/** One measured figure of one bench. */
export interface BenchResult {
  name: string;
  engine: string;
  metric: string;
  value: number;
  details: Record<string, unknown>;
}

/** Every bench `npm run bench` runs, in order; `npm run bench -- <name>` runs the named ones. */
const BENCHES: { name: string; run: () => Promise<BenchResult[]> }[] = [
  { name: 'ingest', run: benchIngest },
  { name: 'models', run: benchModels },
];

const wanted = process.argv.slice(2);
const results: BenchResult[] = [];
for (const bench of BENCHES) {
  if (wanted.length && !wanted.includes(bench.name)) continue;
  const measured = await bench.run();
  for (const result of measured) console.log(`${result.name} [${result.engine}]: ${result.value.toLocaleString('en')} ${result.metric} ${JSON.stringify(result.details)}`);
  results.push(...measured);
}
const dir = join(process.cwd(), 'bench', 'results');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${new Date().toISOString().slice(0, 10)}.json`);
writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2) + '\n');
console.log(`results written to ${file}`);

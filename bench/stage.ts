import { writeFileSync } from 'node:fs';
import type { BenchOptions } from './measure.js';
import { STAGES } from './stages.js';

/**
 * A child process of run.ts: runs one stage and writes its results and this process's peak
 * resident memory (`maxRSS`, which covers DuckDB running in-process) to the given file.
 */
const [name, optionsJson, outFile] = process.argv.slice(2);
const stage = STAGES[name];
if (!stage) throw new Error(`unknown bench stage ${name}`);
const results = await stage(JSON.parse(optionsJson) as BenchOptions);
writeFileSync(outFile, JSON.stringify({ results, peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024) }));
// Native handles (DuckDB, parse workers) may keep the event loop alive once everything is closed.
process.exit(0);

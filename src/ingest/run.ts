import type { Warehouse } from '../warehouse/types.js';
import { RowCollector, type EncodedBatch } from './collector.js';
import { commitLandingSlice, landingSlice, readLandingSlice } from './landing-log/checkpoint.js';
import { parseLandingLogName } from './landing-log/names.js';
import { ParsePool } from './parallel/pool.js';
import { parseBlock, parseRecord, rejectOversized } from './parse-lines.js';
import { createProgress } from './progress.js';
import { expandInputs } from './read/inputs.js';
import { readLineBlocks, type LineBlock } from './read/lines.js';
import { openContent } from './read/open.js';
import { readWhole } from './read/whole.js';
import type { FileSource, IngestContext, IngestState, LineSource, Source } from './source.js';
import { redact } from './redact.js';
import { warehouseState } from './state.js';
import { emptySummary, type SourceSummary } from './summary.js';
import { LandingWriter, type WriterOptions } from './writer.js';

export interface IngestOptions {
  context: IngestContext;
  /** Progress display on stderr: a bar on a terminal, periodic lines otherwise. */
  progress?: 'auto' | 'off';
  /** Parse worker threads for line sources (0: parse in the main thread). */
  workers?: number;
  /** Files smaller than this are parsed in the main thread: starting workers would cost more. */
  workerMinBytes?: number;
  writer?: WriterOptions;
}

/** Rows a file or pull source collects before handing them to the writer. */
const CHECKPOINT_ROWS = 20_000;
const WORKER_MIN_BYTES = 8 * 1024 * 1024;
/** Blocks handed to parse workers ahead of the one being loaded. */
const BLOCKS_AHEAD_PER_WORKER = 2;

/**
 * Reads every input of one source into the landing tables. Bad records go to `ingest_rejects` and
 * the run goes on; an input that cannot be read is reported and the next one is read.
 */
export async function ingest(warehouse: Warehouse, source: Source, inputs: readonly string[], options: IngestOptions): Promise<SourceSummary> {
  const started = Date.now();
  const summary = emptySummary(source.name);
  const writer = new LandingWriter(warehouse, options.writer);
  const state = warehouseState(warehouse);
  const pullInputs = source.kind === 'file' && source.isPullInput ? inputs.filter((input) => source.isPullInput!(input)) : [];
  const expanded = await expandInputs(inputs.filter((input) => !pullInputs.includes(input)), source.name);
  summary.failures.push(...expanded.unreadable);
  const totalBytes = expanded.files.reduce((sum, file) => sum + file.bytes, 0);
  const progress = createProgress(`ingest ${source.name}`, totalBytes, options.progress);
  let pool: ParsePool | null = null;
  const poolFor = (bytes: number): ParsePool | null => {
    const workers = options.workers ?? 0;
    if (source.kind !== 'lines' || workers === 0 || bytes < (options.workerMinBytes ?? WORKER_MIN_BYTES)) return null;
    return (pool ??= new ParsePool(workers, source, options.context));
  };
  let bytesDone = 0;

  const absorb = (batch: EncodedBatch) => {
    summary.records += batch.records;
    for (const [reason, n] of Object.entries(batch.rejectReasons)) {
      summary.rejectReasons[reason] = (summary.rejectReasons[reason] ?? 0) + n;
      summary.rejected += n;
    }
    writer.add(batch);
  };

  try {
    for (const file of expanded.files) {
      const collector = new RowCollector(source.rejectSource, file.path, options.context.ingestedAtMs);
      try {
        const onBytes = (n: number) => {
          bytesDone += n;
          progress.update(bytesDone, summary.records + collector.pendingRecords);
        };
        if (source.kind === 'lines' && parseLandingLogName(file.path)) {
          await readLandingLog(source, file.path, collector, options.context, state, poolFor(file.bytes), writer, absorb, onBytes);
        } else if (source.kind === 'lines') await readLineFile(source, file, collector, options.context, poolFor(file.bytes), writer, absorb, onBytes);
        else await readWithSource(source, file.path, collector, options.context, writer, absorb, onBytes);
        summary.inputs++;
      } catch (error) {
        summary.failures.push({ input: file.path, error: (error as Error).message });
      }
      absorb(collector.take());
      await writer.ready();
    }
    for (const input of pullInputs) {
      const file = source as FileSource;
      const collector = new RowCollector(source.rejectSource, input, options.context.ingestedAtMs);
      collector.onCheckpoint = checkpointer(writer, absorb);
      try {
        const result = await file.pull!(input, collector, options.context, state);
        absorb(collector.take());
        await writer.flush();
        await result.commit?.();
        summary.inputs++;
      } catch (error) {
        summary.failures.push({ input: redact(input), error: (error as Error).message });
      }
    }
    await writer.flush();
  } finally {
    progress.stop();
    await (pool as ParsePool | null)?.close();
  }
  summary.tables = writer.counts();
  summary.elapsedMs = Date.now() - started;
  return summary;
}

type Absorb = (batch: EncodedBatch) => void;

function checkpointer(writer: LandingWriter, absorb: Absorb) {
  return async (collector: RowCollector) => {
    if (collector.pendingRows < CHECKPOINT_ROWS) return;
    absorb(collector.take());
    await writer.ready();
  };
}

async function readWithSource(
  source: FileSource,
  file: string,
  collector: RowCollector,
  context: IngestContext,
  writer: LandingWriter,
  absorb: Absorb,
  onBytes: (n: number) => void,
): Promise<void> {
  collector.onCheckpoint = checkpointer(writer, absorb);
  await source.readFile(file, collector, context, onBytes);
}

/**
 * A line source's file: NDJSON line by line, in parse workers when there are any. A `.json` file
 * spread over several lines is one pretty-printed record (a `.json` file too large to be one
 * record is read as NDJSON).
 */
async function readLineFile(
  source: LineSource,
  { path: file, bytes }: { path: string; bytes: number },
  collector: RowCollector,
  context: IngestContext,
  pool: ParsePool | null,
  writer: LandingWriter,
  absorb: Absorb,
  onBytes: (n: number) => void,
): Promise<void> {
  if (/\.json(\.gz)?$/i.test(file) && bytes <= context.maxRecordBytes) {
    const whole = await readWhole(await openContent(file, onBytes), context.maxRecordBytes);
    if ('oversized' in whole) return rejectOversized(collector, 1, whole.oversized.bytes, whole.oversized.head, context);
    const text = whole.text.trim();
    if (text.includes('\n') && isJson(text)) {
      collector.record();
      parseRecord(source.parseLine, text, 1, file, collector, context);
      return;
    }
    parseBlock(source.parseLine, file, { firstLine: 1, text: whole.text, oversized: [] }, collector, context);
    return;
  }
  await parseBlocks(source, file, readLineBlocks(await openContent(file, onBytes), context.maxRecordBytes), collector, context, pool, writer, absorb);
}

/**
 * A landing log `scrm serve` appends to: only the complete lines after the byte offset loaded by
 * an earlier run are read, and the new offset is stored once their rows are in the warehouse.
 */
async function readLandingLog(
  source: LineSource,
  file: string,
  collector: RowCollector,
  context: IngestContext,
  state: IngestState,
  pool: ParsePool | null,
  writer: LandingWriter,
  absorb: Absorb,
  onBytes: (n: number) => void,
): Promise<void> {
  const slice = await landingSlice(file, state);
  const reader = readLandingSlice(slice, context.maxRecordBytes, onBytes);
  await parseBlocks(source, file, reader.blocks, collector, context, pool, writer, absorb);
  absorb(collector.take());
  await writer.flush();
  await commitLandingSlice(state, slice, reader.lines());
}

async function parseBlocks(
  source: LineSource,
  file: string,
  blocks: AsyncGenerator<LineBlock>,
  collector: RowCollector,
  context: IngestContext,
  pool: ParsePool | null,
  writer: LandingWriter,
  absorb: Absorb,
): Promise<void> {
  if (pool) return parseInWorkers(pool, file, blocks, writer, absorb);
  for await (const block of blocks) {
    parseBlock(source.parseLine, file, block, collector, context);
    absorb(collector.take());
    await writer.ready();
  }
}

async function parseInWorkers(pool: ParsePool, file: string, blocks: AsyncGenerator<LineBlock>, writer: LandingWriter, absorb: Absorb): Promise<void> {
  const ahead: Promise<void>[] = [];
  const limit = BLOCKS_AHEAD_PER_WORKER * pool.size;
  let previous: Promise<void> = Promise.resolve();
  try {
    for await (const block of blocks) {
      const parsed = pool.parse(file, block);
      // Chained so batches reach the writer in file order whatever order the workers finish in.
      previous = Promise.all([previous, parsed]).then(([, batch]) => absorb(batch));
      ahead.push(previous);
      if (ahead.length >= limit) {
        await ahead.shift();
        await writer.ready();
      }
    }
    await Promise.all(ahead);
  } catch (error) {
    await Promise.allSettled(ahead);
    throw error;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

import type { Warehouse } from '../warehouse/types.js';
import { RowCollector, type EncodedBatch, type LandingEncodings } from './collector.js';
import { LANDING_KEYS, type LandingTable } from './landing.js';
import { commitLandingSlice, landingSlice, readLandingSlice } from './landing-log/checkpoint.js';
import { parseLandingLogName } from './landing-log/names.js';
import { ParsePool } from './parallel/pool.js';
import { parseBlock, parseRecord, rejectOversized } from './parse-lines.js';
import { createProgress, type ProgressFactory } from './progress.js';
import { expandInputs } from './read/inputs.js';
import { readLineBlocks, type LineBlock } from './read/lines.js';
import { openContent } from './read/open.js';
import { readWhole } from './read/whole.js';
import type { FileSource, IngestContext, IngestState, LineSource, Source } from './source.js';
import { redact } from './redact.js';
import { warehouseState } from './state.js';
import { emptySummary, type SourceSummary } from './summary.js';
import { LandingWriter, type WriterOptions } from './writer.js';
import { OrderedBatches } from './ordered-batches.js';

export interface IngestOptions {
  context: IngestContext;
  /** Progress display on stderr (a bar on a terminal, periodic lines otherwise), none, or the caller's own. */
  progress?: 'auto' | 'off' | ProgressFactory;
  /** Parse worker threads for line sources (0: parse in the main thread). */
  workers?: number;
  /** Runs with fewer bytes than this are parsed in the main thread: starting workers would cost more. */
  workerMinBytes?: number;
  writer?: WriterOptions;
}

/** Rows a file or pull source collects before handing them to the writer. */
const CHECKPOINT_ROWS = 20_000;
const WORKER_MIN_BYTES = 8 * 1024 * 1024;
/** Blocks handed to parse workers ahead of the one being loaded. */
const BLOCKS_AHEAD_PER_WORKER = 2;
/** Batches queued for the writer when there are no workers: one being absorbed, one read. */
const BATCHES_AHEAD_IN_THREAD = 2;

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
  const encodings = await landingEncodings(warehouse);
  const workers = options.workers ?? 0;
  // Decided for the whole run, not per file: a folder of many small daily files is worth the workers
  // too. Started with the first block to parse (a re-read landing log may have none).
  const lineSource = source.kind === 'lines' ? source : null;
  const useWorkers = lineSource !== null && workers > 0 && totalBytes >= (options.workerMinBytes ?? WORKER_MIN_BYTES);
  let pool: ParsePool | null = null;
  const poolToUse = () => (useWorkers && lineSource ? (pool ??= new ParsePool(workers, lineSource, options.context, encodings)) : null);
  let bytesDone = 0;

  const absorb = (batch: EncodedBatch) => {
    summary.records += batch.records;
    for (const [reason, n] of Object.entries(batch.rejectReasons)) {
      summary.rejectReasons[reason] = (summary.rejectReasons[reason] ?? 0) + n;
      summary.rejected += n;
    }
    writer.add(batch);
  };
  const queue = new OrderedBatches(writer, absorb, useWorkers ? BLOCKS_AHEAD_PER_WORKER * workers : BATCHES_AHEAD_IN_THREAD);
  const run: Run = { context: options.context, encodings, writer, queue, pool: poolToUse, state };

  try {
    for (const file of expanded.files) {
      const collector = new RowCollector(source.rejectSource, file.path, options.context.ingestedAtMs, encodings);
      // A file counts as read once its last batch is absorbed, unless one of its batches failed.
      let failure: Error | null = null;
      const failed = (error: Error) => {
        failure ??= error;
      };
      try {
        const onBytes = (n: number) => {
          bytesDone += n;
          progress.update(bytesDone, summary.records + collector.pendingRecords);
        };
        const reading: Reading = { ...run, file: file.path, collector, failed, onBytes };
        if (source.kind === 'file') await readWithSource(source, reading);
        // A live log is read from its checkpoint on; an archived (.gz) one is closed and read whole.
        else if (parseLandingLogName(file.path)?.compressed === false) await readLandingLog(source, reading);
        else await readLineFile(source, file.bytes, reading);
      } catch (error) {
        failed(error as Error);
      }
      await queue.push(collector.take(), failed);
      queue.after(() => {
        if (failure) summary.failures.push({ input: file.path, error: failure.message });
        else summary.inputs++;
      });
    }
    await queue.drain();
    for (const input of pullInputs) {
      const file = source as FileSource;
      const collector = new RowCollector(source.rejectSource, input, options.context.ingestedAtMs, encodings);
      let failure: Error | null = null;
      const failed = (error: Error) => {
        failure ??= error;
      };
      collector.onCheckpoint = checkpointer(queue, failed);
      try {
        const result = await file.pull!(input, collector, options.context, state);
        await queue.push(collector.take(), failed);
        await queue.drain();
        if (failure) throw failure;
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

/**
 * How the warehouse takes each landing table's rows, asked once per run. A missing table gets none:
 * its rows fail at their append with the warehouse's own message, as they always did.
 */
async function landingEncodings(warehouse: Warehouse): Promise<LandingEncodings> {
  const encodings: LandingEncodings = {};
  for (const table of Object.keys(LANDING_KEYS) as LandingTable[]) {
    if (await warehouse.tableExists(table)) encodings[table] = await warehouse.rowEncoding(table);
  }
  return encodings;
}

/** What every file of a run is read with. */
interface Run {
  context: IngestContext;
  encodings: LandingEncodings;
  writer: LandingWriter;
  queue: OrderedBatches;
  /** The parse workers when the run uses them (started on first use), else null. */
  pool: () => ParsePool | null;
  state: IngestState;
}

/** One file being read: where its rows go, and where a failure to parse part of it is reported. */
interface Reading extends Run {
  file: string;
  collector: RowCollector;
  failed: (error: Error) => void;
  onBytes: (n: number) => void;
}

function checkpointer(queue: OrderedBatches, failed: (error: Error) => void) {
  return async (collector: RowCollector) => {
    if (collector.pendingRows < CHECKPOINT_ROWS) return;
    await queue.push(collector.take(), failed);
  };
}

async function readWithSource(source: FileSource, { file, collector, context, queue, failed, onBytes }: Reading): Promise<void> {
  collector.onCheckpoint = checkpointer(queue, failed);
  await source.readFile(file, collector, context, onBytes);
}

/**
 * A line source's file: NDJSON line by line, in parse workers when there are any. A `.json` file
 * spread over several lines is one pretty-printed record (a `.json` file too large to be one
 * record is read as NDJSON).
 */
async function readLineFile(source: LineSource, bytes: number, reading: Reading): Promise<void> {
  const { file, collector, context, onBytes } = reading;
  if (/\.json(\.gz)?$/i.test(file) && bytes <= context.maxRecordBytes) {
    const whole = await readWhole(await openContent(file, onBytes), context.maxRecordBytes);
    if ('oversized' in whole) return rejectOversized(collector, 1, whole.oversized.bytes, whole.oversized.head, context);
    const text = whole.text.trim();
    if (text.includes('\n') && isJson(text)) {
      collector.record();
      parseRecord(source.parseLine, text, 1, file, collector, context);
      return;
    }
    parseBlock(source.parseLine, file, { firstLine: 1, bytes: Buffer.from(whole.text), oversized: [] }, collector, context);
    return;
  }
  await parseBlocks(source, readLineBlocks(await openContent(file, onBytes), context.maxRecordBytes), reading);
}

/**
 * A landing log `scrm serve` appends to: only the complete lines after the byte offset loaded by
 * an earlier run are read, and the new offset is stored once their rows are in the warehouse.
 */
async function readLandingLog(source: LineSource, reading: Reading): Promise<void> {
  const { file, collector, context, state, queue, writer, onBytes } = reading;
  const slice = await landingSlice(file, state);
  const reader = readLandingSlice(slice, context.maxRecordBytes, onBytes);
  let parsed = true;
  const failed = (error: Error) => {
    parsed = false;
    reading.failed(error);
  };
  await parseBlocks(source, reader.blocks, { ...reading, failed });
  await queue.push(collector.take(), failed);
  await queue.drain();
  await writer.flush();
  if (parsed) await commitLandingSlice(state, slice, reader.lines());
}

/** Blocks of lines to the parse workers, or parsed here when there are none; batches go to the queue in order. */
async function parseBlocks(source: LineSource, blocks: AsyncGenerator<LineBlock>, { file, collector, context, queue, pool, failed }: Reading): Promise<void> {
  for await (const block of blocks) {
    const workers = pool();
    if (workers) {
      await queue.push(workers.parse(file, block), failed);
      continue;
    }
    parseBlock(source.parseLine, file, block, collector, context);
    await queue.push(collector.take(), failed);
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

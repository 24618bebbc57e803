import { parentPort, workerData } from 'node:worker_threads';
import { RowCollector, transferables } from '../collector.js';
import { parseBlock } from '../parse-lines.js';
import type { LineSource } from '../source.js';
import type { BlockRequest, BlockResponse, WorkerInit } from './messages.js';

/** A parse worker: turns blocks of lines into encoded rows with the line source named in `workerData`. */
const init = workerData as WorkerInit;
const { source } = (await import(init.module)) as { source: LineSource };

parentPort!.on('message', (request: BlockRequest) => {
  let response: BlockResponse;
  let transfer: ArrayBuffer[] = [];
  try {
    const collector = new RowCollector(init.rejectSource, request.file, init.context.ingestedAtMs, init.encodings);
    parseBlock(source.parseLine, request.file, request.block, collector, init.context);
    const batch = collector.take();
    response = { id: request.id, batch };
    transfer = transferables(batch);
  } catch (error) {
    response = { id: request.id, error: (error as Error).stack ?? String(error) };
  }
  parentPort!.postMessage(response, transfer);
});

import type { EncodedBatch, LandingEncodings } from '../collector.js';
import type { LineBlock } from '../read/lines.js';
import type { IngestContext } from '../source.js';

/** Sent once to each worker: which source to load and the run's context. */
export interface WorkerInit {
  module: string;
  rejectSource: string;
  context: IngestContext;
  encodings: LandingEncodings;
}

export interface BlockRequest {
  id: number;
  file: string;
  block: LineBlock;
}

export type BlockResponse = { id: number; batch: EncodedBatch; error?: undefined } | { id: number; error: string };

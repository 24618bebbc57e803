/**
 * The landing logs `scrm serve` writes, `<kind>-YYYYMMDD.ndjson` side by side in one folder, and
 * the source that loads each kind. Both kinds share `data/landing/`, so a source reading that folder
 * must leave the other kind's files alone: `scrm ingest whatsapp data/landing` reads the webhooks,
 * `scrm ingest clicks data/landing` the clicks.
 */
import { basename } from 'node:path';

export const LANDING_LOG_SOURCES = { webhooks: 'whatsapp', clicks: 'clicks' } as const;

export type LandingLogKind = keyof typeof LANDING_LOG_SOURCES;

/** A live log, or (`.gz`) one compressed into the archive once loaded. */
const NAME = /^(webhooks|clicks)-(\d{8})\.ndjson(\.gz)?$/u;

export function landingLogName(kind: LandingLogKind, day: string): string {
  return `${kind}-${day}.ndjson`;
}

/** The kind and UTC day of a landing log, live or archived, or null for any other file. */
export function parseLandingLogName(path: string): { kind: LandingLogKind; day: string; compressed: boolean } | null {
  const match = NAME.exec(basename(path));
  return match ? { kind: match[1] as LandingLogKind, day: match[2], compressed: match[3] !== undefined } : null;
}

/** Whether a file found while expanding a folder is for `source`: another source's landing log is not. */
export function isForSource(path: string, source: string): boolean {
  const log = parseLandingLogName(path);
  return log === null || LANDING_LOG_SOURCES[log.kind] === source;
}

import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const GZIP_MAGIC = [0x1f, 0x8b];
const READ_CHUNK_BYTES = 1024 * 1024;

/** A byte stream of the file's content, gunzipped when the file is gzip (by its magic bytes, not its name). */
export async function openContent(file: string, onRawBytes?: (bytes: number) => void): Promise<Readable> {
  const handle = await open(file, 'r');
  const head = Buffer.alloc(2);
  let gzip = false;
  try {
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    gzip = bytesRead === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
  } finally {
    await handle.close();
  }
  const raw = createReadStream(file, { highWaterMark: READ_CHUNK_BYTES });
  if (onRawBytes) raw.on('data', (chunk) => onRawBytes(chunk.length));
  if (!gzip) return raw;
  const gunzip = createGunzip({ chunkSize: READ_CHUNK_BYTES });
  raw.on('error', (error) => gunzip.destroy(error));
  return raw.pipe(gunzip);
}

import { createHash } from 'node:crypto';

/**
 * The hash of a normalized record (`row_hash`): equal for identical re-deliveries, different for
 * conflicting versions of the same key, whatever the source's formatting or column order was.
 */
export function rowHash(normalized: unknown): string {
  return createHash('sha1').update(JSON.stringify(normalized)).digest('hex');
}

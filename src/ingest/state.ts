import type { Warehouse } from '../warehouse/types.js';
import type { IngestState } from './source.js';

/** `ingest_state` as a key/value store: every `set` appends, the newest value of a key wins. */
export function warehouseState(warehouse: Warehouse): IngestState {
  return {
    async get(key) {
      const rows = await warehouse.query<{ value: string }>(
        'SELECT value FROM ingest_state WHERE key = {key} ORDER BY updated_at_ms DESC LIMIT 1',
        { key },
      );
      return rows.length ? rows[0].value : null;
    },
    async set(key, value) {
      await warehouse.insert('ingest_state', [{ key, value, updated_at_ms: Date.now() }]);
    },
  };
}

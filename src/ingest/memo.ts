/**
 * Remembers the results of a pure function of a string on the ingest hot path, where the same
 * values come back again and again (a customer's number, "ok", "gracias", a button title). The
 * cache is emptied when it reaches `limit` entries, so memory stays bounded on any input.
 */
export function boundedMemo<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as V;
    const value = compute(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}

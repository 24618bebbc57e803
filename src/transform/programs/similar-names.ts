import { distance } from 'fastest-levenshtein';

/** Largest edit distance that keeps two names, the longer of length `longer`, at least 80 % similar. */
export function maxEdits(longer: number): number {
  // 1 − d / L ≥ 0.8  ⇔  d ≤ L / 5, in integers so no rounding can move the edge.
  return Math.floor(longer / 5);
}

/** 1 − Levenshtein distance / length of the longer name; 0 when either is empty. */
export function nameSimilarity(a: string, b: string): number {
  if (a.length === 0 || b.length === 0) return 0;
  return 1 - distance(a, b) / Math.max(a.length, b.length);
}

export interface SimilarPair {
  /** Indexes into the names given, a < b. */
  a: number;
  b: number;
  similarity: number;
}

/** The k-th of `parts` near-equal segments of a string of length n: [start, length]. */
function segment(n: number, parts: number, k: number): [number, number] {
  const short = Math.floor(n / parts);
  const longOnes = n - short * parts;
  // The last `longOnes` segments are one unit longer.
  const firstLong = parts - longOnes;
  const start = k * short + Math.max(0, k - firstLong);
  return [start, short + (k >= firstLong ? 1 : 0)];
}

/**
 * Every pair of distinct names at least 80 % similar, without comparing all pairs: a partition
 * filter (as in PassJoin). If the longer name b is cut into maxEdits(|b|) + 1 segments, at most
 * that many edits cannot touch them all, so a similar name a contains one of them unchanged, near
 * its place in b. Names are indexed by their segments; each name looks up its substrings of the
 * right lengths and places; the few candidates found are checked with the Levenshtein distance.
 * Lengths are in UTF-16 code units, like the distance.
 */
export function similarNamePairs(names: readonly string[]): SimilarPair[] {
  const index = new Map<string, number[]>();
  names.forEach((name, id) => {
    const parts = maxEdits(name.length) + 1;
    for (let k = 0; k < parts; k++) {
      const [start, length] = segment(name.length, parts, k);
      const key = `${name.length}:${k}:${name.substr(start, length)}`;
      const ids = index.get(key);
      if (ids) ids.push(id);
      else index.set(key, [id]);
    }
  });
  const pairs: SimilarPair[] = [];
  names.forEach((a, ia) => {
    if (a.length === 0) return;
    const found = new Set<number>();
    // b is at least as long as a, and at most maxEdits(|b|) longer.
    for (let longer = a.length; longer - a.length <= maxEdits(longer); longer++) {
      const edits = maxEdits(longer);
      for (let k = 0; k <= edits; k++) {
        const [start, length] = segment(longer, edits + 1, k);
        for (let at = Math.max(0, start - edits); at <= Math.min(a.length - length, start + edits); at++) {
          for (const ib of index.get(`${longer}:${k}:${a.substr(at, length)}`) ?? []) {
            if (ib === ia || found.has(ib)) continue;
            // Equal lengths are found from both sides: keep one.
            if (longer === a.length && ib < ia) continue;
            found.add(ib);
            const b = names[ib];
            if (distance(a, b) <= edits) pairs.push({ a: Math.min(ia, ib), b: Math.max(ia, ib), similarity: nameSimilarity(a, b) });
          }
        }
      }
    }
  });
  return pairs;
}

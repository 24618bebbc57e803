import { describe, expect, it } from 'vitest';
import { identityLinks, identityRoots, SAME_SKU_WINDOW_MS } from '../../src/transform/programs/identity.js';
import { nameSimilarity, similarNamePairs } from '../../src/transform/programs/similar-names.js';
import { DisjointSets } from '../../src/transform/programs/union-find.js';
import { offsetTransitions } from '../../src/transform/timezone.js';
import { random } from '../helpers/random.js';

describe('identity resolution', () => {
  it('measures name similarity as 1 − Levenshtein / longer length', () => {
    expect(nameSimilarity('chan tai man', 'chan tai man')).toBe(1);
    expect(nameSimilarity('abcde', 'abcdx')).toBe(0.8);
    expect(nameSimilarity('lin mei', 'lam mei')).toBeCloseTo(5 / 7, 12);
    expect(nameSimilarity('', 'x')).toBe(0);
  });

  it('finds every pair of names at least 80 % similar, as comparing all pairs would', () => {
    const rnd = random(3);
    const letters = 'abcdefgh ñü';
    const word = (n: number) => Array.from({ length: n }, () => letters[Math.floor(rnd() * letters.length)]).join('');
    const names = new Set<string>();
    for (let i = 0; i < 150; i++) {
      const base = word(1 + Math.floor(rnd() * 24));
      names.add(base);
      for (let variant = 0; variant < 4; variant++) {
        const chars = base.split('');
        for (let edit = Math.floor(rnd() * 4); edit > 0; edit--) {
          const at = Math.floor(rnd() * (chars.length + 1));
          const op = rnd();
          if (op < 1 / 3) chars.splice(at, 0, word(1));
          else if (op < 2 / 3) chars.splice(at, 1);
          else chars[at] = word(1);
        }
        if (chars.length) names.add(chars.join(''));
      }
    }
    const list = [...names];
    const expected: string[] = [];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) if (nameSimilarity(list[i], list[j]) >= 0.8) expected.push(`${i},${j}`);
    }
    const found = similarNamePairs(list).map((pair) => `${pair.a},${pair.b}`);
    expect(expected.length).toBeGreaterThan(200);
    expect(found.sort()).toEqual(expected.sort());
  });

  it('links at exactly 80 % similarity and exactly 90 days apart, not beyond', () => {
    const names = new Map([
      ['+1', 'abcde'],
      ['+2', 'abcdx'],
      ['+3', 'abcde'],
      ['+4', 'abxyz'],
    ]);
    const links = identityLinks(
      [],
      [
        { sku: 'S', phone: '+1', created_at_ms: 0 },
        { sku: 'S', phone: '+2', created_at_ms: SAME_SKU_WINDOW_MS },
        { sku: 'S', phone: '+3', created_at_ms: 2 * SAME_SKU_WINDOW_MS + 1 },
        { sku: 'S', phone: '+4', created_at_ms: 2 * SAME_SKU_WINDOW_MS + 2 },
      ],
      names,
    );
    expect(links).toEqual([{ phone_a: '+1', phone_b: '+2', reason: 'name_sku', evidence: 'S', similarity: 0.8 }]);
  });

  it('records one link per merge, whatever order rows came in', () => {
    const names = new Map([['+1', 'ana'], ['+2', 'ana'], ['+3', 'ana']]);
    const purchases = [
      { sku: 'S', phone: '+3', created_at_ms: 5 },
      { sku: 'S', phone: '+1', created_at_ms: 5 },
      { sku: 'S', phone: '+2', created_at_ms: 1 },
    ];
    const crm = [{ crm_id: 'C', phones: ['+3', '+1'] }];
    const links = identityLinks(crm, purchases, names);
    expect(identityLinks(crm, [...purchases].reverse(), names)).toEqual(links);
    expect(links).toEqual([
      { phone_a: '+1', phone_b: '+3', reason: 'crm', evidence: 'C', similarity: null },
      { phone_a: '+1', phone_b: '+2', reason: 'name_sku', evidence: 'S', similarity: 1 },
    ]);
  });

  it('keys every linked phone by the phone of its customer seen first, and lists no unlinked phone', () => {
    const roots = identityRoots(
      [
        { phone: '+85291234567', first_seen_ms: 30 },
        { phone: '+85298765432', first_seen_ms: 10 },
        { phone: '+886912345678', first_seen_ms: 20 },
        { phone: '+34612345678', first_seen_ms: 5 },
        { phone: '+34699999999', first_seen_ms: 5 },
        { phone: '+34600000000', first_seen_ms: 1 },
      ],
      [
        { phone_a: '+85291234567', phone_b: '+85298765432' },
        { phone_a: '+85291234567', phone_b: '+886912345678' },
        { phone_a: '+34612345678', phone_b: '+34699999999' },
        // A link to a phone never seen is ignored, which leaves +34600000000 unlinked.
        { phone_a: '+34600000000', phone_b: '+4400000000' },
      ],
    );
    expect(roots).toEqual([
      { phone: '+85291234567', key_phone: '+85298765432', key_phone_first_seen_ms: 10, phones_in_customer: 3 },
      { phone: '+85298765432', key_phone: '+85298765432', key_phone_first_seen_ms: 10, phones_in_customer: 3 },
      { phone: '+886912345678', key_phone: '+85298765432', key_phone_first_seen_ms: 10, phones_in_customer: 3 },
      // Seen at the same time: the smaller phone names the customer.
      { phone: '+34612345678', key_phone: '+34612345678', key_phone_first_seen_ms: 5, phones_in_customer: 2 },
      { phone: '+34699999999', key_phone: '+34612345678', key_phone_first_seen_ms: 5, phones_in_customer: 2 },
    ]);
  });

  it('keys thousands of randomly linked phones as relabelling each component until nothing changes does', () => {
    const next = random(7);
    const phones = Array.from({ length: 5_000 }, (_, i) => ({ phone: `+8529${String(i).padStart(7, '0')}`, first_seen_ms: Math.floor(next() * 1_000) }));
    const links = Array.from({ length: 4_000 }, () => {
      const [a, b] = [phones[Math.floor(next() * phones.length)].phone, phones[Math.floor(next() * phones.length)].phone];
      return { phone_a: a, phone_b: b };
    });
    const seen = new Map(phones.map((p) => [p.phone, p.first_seen_ms]));
    const earlier = (a: string, b: string) => (seen.get(a)! !== seen.get(b)! ? (seen.get(a)! < seen.get(b)! ? a : b) : a < b ? a : b);
    const key = new Map(links.flatMap((link) => [[link.phone_a, link.phone_a], [link.phone_b, link.phone_b]]));
    for (let changed = true; changed; ) {
      changed = false;
      for (const { phone_a, phone_b } of links) {
        const first = earlier(key.get(phone_a)!, key.get(phone_b)!);
        for (const phone of [phone_a, phone_b]) {
          if (key.get(phone) !== first) {
            key.set(phone, first);
            changed = true;
          }
        }
      }
    }
    const sizes = new Map<string, number>();
    for (const root of key.values()) sizes.set(root, (sizes.get(root) ?? 0) + 1);

    const roots = identityRoots(phones, links);
    expect(roots).toHaveLength(key.size);
    expect(Math.max(...sizes.values())).toBeGreaterThan(100);
    for (const root of roots) {
      expect(root.key_phone).toBe(key.get(root.phone));
      expect(root.key_phone_first_seen_ms).toBe(seen.get(root.key_phone));
      expect(root.phones_in_customer).toBe(sizes.get(root.key_phone));
    }
  });
});

describe('disjoint sets', () => {
  it('keep every parent when the forest grows past its first size', () => {
    const sets = new DisjointSets();
    for (let i = 0; i < 3_000; i++) sets.add();
    for (let i = 0; i < 3_000; i += 2) expect(sets.union(i, i + 1)).toBe(true);
    for (let i = 0; i < 3_000; i += 2) {
      expect(sets.root(i + 1)).toBe(sets.root(i));
      if (i + 2 < 3_000) expect(sets.root(i + 2)).not.toBe(sets.root(i));
    }
  });
});

describe('time-zone offsets', () => {
  it('lists the transitions of a zone with daylight saving time, and one offset for a zone without', () => {
    const madrid = offsetTransitions('Europe/Madrid', 2026, 2026);
    expect(madrid.map((t) => [new Date(t.from_ms).toISOString(), t.offset_ms / 3_600_000])).toEqual([
      ['2026-01-01T00:00:00.000Z', 1],
      ['2026-03-29T01:00:00.000Z', 2],
      ['2026-10-25T01:00:00.000Z', 1],
    ]);
    expect(offsetTransitions('Asia/Hong_Kong')).toEqual([{ from_ms: Date.UTC(2005, 0, 1), offset_ms: 8 * 3_600_000 }]);
  });
});

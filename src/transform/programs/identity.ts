import { normalizeText } from '../../enrich/text.js';
import { tableModel } from '../load-table.js';
import type { CodeModel } from '../model.js';
import { phoneCountry } from './phone-country.js';
import { similarNamePairs } from './similar-names.js';
import { DisjointSets, UnionFind } from './union-find.js';

/** METRICS.md, Identity resolution: both phones bought the same SKU within this window. */
export const SAME_SKU_WINDOW_MS = 90 * 86_400_000;

export type Purchase = {
  sku: string;
  phone: string;
  created_at_ms: number;
};

export type IdentityLink = {
  phone_a: string;
  phone_b: string;
  reason: 'crm' | 'name_sku';
  /** The CRM id listing both phones, or the SKU both bought. */
  evidence: string;
  similarity: number | null;
};

/**
 * The links that merge phones into customers, as a spanning forest: every pair of phones a CRM
 * record lists together, then pairs of phones with names at least 80 % similar (the same name
 * included) that bought the same SKU within 90 days of each other. The search starts from names,
 * not purchases: similar names are found with an index (similarNamePairs), then only the
 * purchases of those names are compared, SKU by SKU, in time order. Pairs already joined (by CRM
 * or an earlier link) are skipped. Everything is visited in sorted order, so the links are the
 * same whatever order the engine returned rows in.
 */
export function identityLinks(
  records: readonly { crm_id: string; phones: readonly string[] }[],
  purchases: readonly Purchase[],
  names: ReadonlyMap<string, string>,
): IdentityLink[] {
  const joined = new UnionFind();
  const links: IdentityLink[] = [];
  for (const record of [...records].sort((x, y) => compare(x.crm_id, y.crm_id))) {
    const phones = [...new Set(record.phones)].sort();
    for (let i = 1; i < phones.length; i++) {
      if (joined.union(phones[i - 1], phones[i])) {
        links.push({ phone_a: phones[i - 1], phone_b: phones[i], reason: 'crm', evidence: record.crm_id, similarity: null });
      }
    }
  }
  const distinct = [...new Set(names.values())].filter((name) => name !== '').sort(compare);
  const byName = purchasesByNameAndSku(purchases, names, new Map(distinct.map((name, id) => [name, id])));
  const namePairs = [...distinct.map((_, id) => ({ a: id, b: id, similarity: 1 })), ...similarNamePairs(distinct)].sort((x, y) => x.a - y.a || x.b - y.b);
  for (const { a, b, similarity } of namePairs) {
    const skusA = byName.get(a);
    const skusB = byName.get(b);
    if (!skusA || !skusB) continue;
    for (const sku of [...skusA.keys()].sort(compare)) {
      const later = skusB.get(sku);
      if (!later) continue;
      for (const [x, y] of purchasesWithinWindow(skusA.get(sku)!, later, a === b)) {
        if (x.phone === y.phone || !joined.union(x.phone, y.phone)) continue;
        const [phoneA, phoneB] = x.phone < y.phone ? [x.phone, y.phone] : [y.phone, x.phone];
        links.push({ phone_a: phoneA, phone_b: phoneB, reason: 'name_sku', evidence: sku, similarity });
      }
    }
  }
  return links;
}

/** Purchases of named phones by name id, then SKU, each list in time order (then phone). */
function purchasesByNameAndSku(purchases: readonly Purchase[], names: ReadonlyMap<string, string>, ids: ReadonlyMap<string, number>): Map<number, Map<string, Purchase[]>> {
  const grouped = new Map<number, Map<string, Purchase[]>>();
  for (const purchase of purchases) {
    const id = ids.get(names.get(purchase.phone) ?? '');
    if (id === undefined) continue;
    const skus = grouped.get(id) ?? new Map<string, Purchase[]>();
    grouped.set(id, skus);
    const list = skus.get(purchase.sku) ?? [];
    skus.set(purchase.sku, list);
    list.push(purchase);
  }
  for (const skus of grouped.values()) {
    for (const list of skus.values()) list.sort((x, y) => x.created_at_ms - y.created_at_ms || compare(x.phone, y.phone));
  }
  return grouped;
}

/** Pairs (x from xs, y from ys) at most SAME_SKU_WINDOW_MS apart; one list twice gives each pair once. */
function* purchasesWithinWindow(xs: readonly Purchase[], ys: readonly Purchase[], same: boolean): Generator<[Purchase, Purchase]> {
  let first = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    while (first < ys.length && ys[first].created_at_ms < x.created_at_ms - SAME_SKU_WINDOW_MS) first++;
    for (let j = same ? Math.max(first, i + 1) : first; j < ys.length && ys[j].created_at_ms <= x.created_at_ms + SAME_SKU_WINDOW_MS; j++) yield [x, ys[j]];
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type PhoneSeen = {
  phone: string;
  first_seen_ms: number;
};

export type IdentityRoot = {
  phone: string;
  /** The phone that gives the customer its key: the customer's phone seen first. */
  key_phone: string;
  key_phone_first_seen_ms: number;
  phones_in_customer: number;
};

/**
 * Connected components over the links (union-find): every phone of a component is keyed by the
 * phone seen first (ties: the smaller phone string). Only phones with a link are returned: every
 * other phone is its own customer, which stg_identity settles in SQL without a round trip here.
 * `phones` are the linked phones with when each was first seen; a link to a phone not among them
 * is ignored.
 */
export function identityRoots(phones: readonly PhoneSeen[], links: readonly Pick<IdentityLink, 'phone_a' | 'phone_b'>[]): IdentityRoot[] {
  const index = new Map(phones.map((p, i) => [p.phone, i]));
  // The root is always the component's earliest phone, so it names the merged customer.
  const earlier = (a: number, b: number) => {
    const sa = phones[a].first_seen_ms;
    const sb = phones[b].first_seen_ms;
    return sa !== sb ? sa < sb : phones[a].phone < phones[b].phone;
  };
  const customers = new DisjointSets(phones.length);
  const linked = new Uint8Array(phones.length);
  for (const link of links) {
    const a = index.get(link.phone_a);
    const b = index.get(link.phone_b);
    if (a === undefined || b === undefined) continue;
    customers.union(a, b, earlier);
    linked[a] = linked[b] = 1;
  }
  const roots = new Int32Array(phones.length);
  const sizes = new Int32Array(phones.length);
  for (let i = 0; i < phones.length; i++) {
    if (!linked[i]) continue;
    roots[i] = customers.root(i);
    sizes[roots[i]]++;
  }
  const result: IdentityRoot[] = [];
  for (let i = 0; i < phones.length; i++) {
    if (!linked[i]) continue;
    const root = phones[roots[i]];
    result.push({ phone: phones[i].phone, key_phone: root.phone, key_phone_first_seen_ms: root.first_seen_ms, phones_in_customer: sizes[roots[i]] });
  }
  return result;
}

export const IDENTITY_MODELS: CodeModel[] = [
  tableModel({
    name: 'stg_identity_links',
    kind: 'program',
    layer: 'staging',
    refs: ['stg_customers', 'stg_phones', 'stg_purchases'],
    columns: { phone_a: 'String', phone_b: 'String', reason: 'String', evidence: 'String', similarity: 'Nullable(Float64)' },
    async rows({ warehouse }) {
      // A CRM record with one phone links nothing, and a name only matters for a phone that bought something.
      const records = await warehouse.query<{ crm_id: string; phones: string[] }>('SELECT crm_id, phones FROM stg_customers WHERE length(phones) > 1');
      const purchases = await warehouse.query<Purchase & { name: string }>(
        'SELECT sku, phone, created_at_ms, name FROM stg_purchases JOIN (SELECT phone, name FROM stg_phones WHERE name IS NOT NULL) named USING (phone)',
      );
      const names = new Map<string, string>();
      for (const { phone, name } of purchases) if (!names.has(phone)) names.set(phone, normalizeText(name));
      return identityLinks(records, purchases, names);
    },
  }),
  tableModel({
    name: 'stg_identity_roots',
    kind: 'program',
    layer: 'staging',
    refs: ['stg_phones', 'stg_identity_links'],
    columns: { phone: 'String', key_phone: 'String', key_phone_first_seen_ms: 'Int64', phones_in_customer: 'Int64' },
    async rows({ warehouse }) {
      const links = await warehouse.query<Pick<IdentityLink, 'phone_a' | 'phone_b'>>('SELECT phone_a, phone_b FROM stg_identity_links');
      const phones = await warehouse.query<PhoneSeen>(
        'SELECT phone, first_seen_ms FROM stg_phones WHERE phone IN (SELECT phone_a FROM stg_identity_links UNION ALL SELECT phone_b FROM stg_identity_links)',
      );
      return identityRoots(phones, links);
    },
  }),
  tableModel({
    name: 'stg_phone_countries',
    kind: 'program',
    layer: 'staging',
    refs: ['stg_phones', 'seed_calling_prefixes'],
    columns: { phone: 'String', country: 'Nullable(String)' },
    async rows({ warehouse }) {
      const phones = await warehouse.query<{ phone: string }>(
        "SELECT phone FROM stg_phones WHERE substring(phone, 1, 4) IN (SELECT prefix FROM seed_calling_prefixes WHERE shared = 1)",
      );
      return phones.map(({ phone }) => ({ phone, country: phoneCountry(phone) }));
    },
  }),
];

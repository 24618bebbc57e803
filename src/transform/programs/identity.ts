import { createHash } from 'node:crypto';
import { distance } from 'fastest-levenshtein';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { normalizeText } from '../../enrich/text.js';
import { writeTable } from '../load-table.js';
import type { CodeModel } from '../model.js';
import { UnionFind } from './union-find.js';

/** METRICS.md, Identity resolution: names at least this similar, and the same SKU within this window. */
export const NAME_SIMILARITY_THRESHOLD = 0.8;
export const SAME_SKU_WINDOW_MS = 90 * 86_400_000;

/** 1 − Levenshtein distance / length of the longer name, on normalized names; 0 when either is empty. */
export function nameSimilarity(a: string, b: string): number {
  const longer = Math.max(a.length, b.length);
  if (a.length === 0 || b.length === 0) return 0;
  return 1 - distance(a, b) / longer;
}

/** A stable, opaque key for a customer: never the phone itself. */
export function customerKey(phone: string): string {
  return `c_${createHash('sha256').update(phone).digest('hex').slice(0, 16)}`;
}

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
 * record lists together, then pairs with names at least 80 % similar that bought the same SKU
 * within 90 days of each other. Purchases are scanned per SKU in time order with a sliding
 * 90-day window; pairs already joined (by CRM or an earlier link) are not compared again, so a
 * popular SKU costs set lookups, not Levenshtein distances. Inputs are sorted first, so the
 * links are the same whatever order the engine returned rows in.
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
  const sorted = [...purchases].sort((x, y) => compare(x.sku, y.sku) || x.created_at_ms - y.created_at_ms || compare(x.phone, y.phone));
  let start = 0;
  for (let j = 0; j < sorted.length; j++) {
    const current = sorted[j];
    if (j > 0 && sorted[j - 1].sku !== current.sku) start = j;
    while (current.created_at_ms - sorted[start].created_at_ms > SAME_SKU_WINDOW_MS) start++;
    const nameB = names.get(current.phone) ?? '';
    if (nameB === '') continue;
    for (let i = start; i < j; i++) {
      const earlier = sorted[i];
      if (joined.connected(earlier.phone, current.phone)) continue;
      const nameA = names.get(earlier.phone) ?? '';
      // Names whose lengths differ by more than 20 % of the longer one can never be 80 % similar.
      if (Math.min(nameA.length, nameB.length) < NAME_SIMILARITY_THRESHOLD * Math.max(nameA.length, nameB.length)) continue;
      const similarity = nameSimilarity(nameA, nameB);
      if (similarity < NAME_SIMILARITY_THRESHOLD) continue;
      joined.union(earlier.phone, current.phone);
      const [a, b] = earlier.phone < current.phone ? [earlier.phone, current.phone] : [current.phone, earlier.phone];
      links.push({ phone_a: a, phone_b: b, reason: 'name_sku', evidence: current.sku, similarity });
    }
  }
  return links;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export type PhoneSeen = {
  phone: string;
  first_seen_ms: number;
};

export type IdentityRow = {
  phone: string;
  customer_key: string;
  /** ISO country of the phone number (from its calling code), NULL when unknown. */
  country: string | null;
  first_seen_ms: number;
  /** The phone that gave the customer its key (the phone seen first). */
  key_phone_first_seen_ms: number;
  phones_in_customer: number;
};

/**
 * Connected components over the links (union-find): every phone of a component gets the key of
 * the phone seen first (ties: the smaller phone string). Phones without links are their own customer.
 */
export function resolveIdentities(phones: readonly PhoneSeen[], links: readonly IdentityLink[]): IdentityRow[] {
  const seen = new Map(phones.map((p) => [p.phone, p.first_seen_ms]));
  const earlier = (a: string, b: string) => {
    const sa = seen.get(a)!;
    const sb = seen.get(b)!;
    return sa !== sb ? sa < sb : a < b;
  };
  const customers = new UnionFind();
  // The root is always the component's earliest phone, so it names the merged customer.
  for (const link of links) {
    if (seen.has(link.phone_a) && seen.has(link.phone_b)) customers.union(link.phone_a, link.phone_b, earlier);
  }
  const sizes = new Map<string, number>();
  for (const p of phones) {
    const root = customers.find(p.phone);
    sizes.set(root, (sizes.get(root) ?? 0) + 1);
  }
  return phones.map((p) => {
    const root = customers.find(p.phone);
    return {
      phone: p.phone,
      customer_key: customerKey(root),
      country: parsePhoneNumberFromString(p.phone)?.country ?? null,
      first_seen_ms: p.first_seen_ms,
      key_phone_first_seen_ms: seen.get(root)!,
      phones_in_customer: sizes.get(root)!,
    };
  });
}

export const IDENTITY_MODELS: CodeModel[] = [
  {
    name: 'stg_identity_links',
    kind: 'program',
    layer: 'staging',
    refs: ['stg_customers', 'stg_phones', 'stg_purchases'],
    async build({ warehouse, orderBy }) {
      const records = await warehouse.query<{ crm_id: string; phones: string[] }>('SELECT crm_id, phones FROM stg_customers');
      const named = await warehouse.query<{ phone: string; name: string }>('SELECT phone, name FROM stg_phones WHERE name IS NOT NULL');
      const purchases = await warehouse.query<Purchase>('SELECT sku, phone, created_at_ms FROM stg_purchases');
      const names = new Map(named.map((row) => [row.phone, normalizeText(row.name)]));
      const links = identityLinks(records, purchases, names);
      await writeTable(
        warehouse,
        'stg_identity_links',
        [
          { name: 'phone_a', type: 'String' },
          { name: 'phone_b', type: 'String' },
          { name: 'reason', type: 'String' },
          { name: 'evidence', type: 'String' },
          { name: 'similarity', type: 'Nullable(Float64)' },
        ],
        links,
        orderBy,
      );
    },
  },
  {
    name: 'stg_identity',
    kind: 'program',
    layer: 'staging',
    refs: ['stg_phones', 'stg_identity_links'],
    async build({ warehouse, orderBy }) {
      const phones = await warehouse.query<PhoneSeen>('SELECT phone, first_seen_ms FROM stg_phones');
      const links = await warehouse.query<IdentityLink>('SELECT phone_a, phone_b, reason, evidence, similarity FROM stg_identity_links');
      await writeTable(
        warehouse,
        'stg_identity',
        [
          { name: 'phone', type: 'String' },
          { name: 'customer_key', type: 'String' },
          { name: 'country', type: 'Nullable(String)' },
          { name: 'first_seen_ms', type: 'Int64' },
          { name: 'key_phone_first_seen_ms', type: 'Int64' },
          { name: 'phones_in_customer', type: 'Int64' },
        ],
        resolveIdentities(phones, links),
        orderBy,
      );
    },
  },
];

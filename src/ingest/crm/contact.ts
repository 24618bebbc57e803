import type { CountryCode } from 'libphonenumber-js';
import type { CustomerRow } from '../landing.js';
import { invalidPhone, normalizePhone, regionOf } from '../phone.js';
import { rowHash } from '../row-hash.js';
import type { Emit, IngestContext } from '../source.js';
import { parseInstant } from '../time.js';

/** A CRM contact as any of the CRM formats reads it, before validation. */
export interface ContactInput {
  source: CustomerRow['source'];
  crm_id: string | null;
  first_name: string | null;
  last_name: string | null;
  full_name: string | null;
  /** Phones by the column they came from, so a bad one is reported by name. */
  phones: [field: string, value: string | null][];
  email: string | null;
  tier: string | null;
  address: string | null;
  postal_code: string | null;
  country: string | null;
  tags: string[];
  updated_at: unknown;
  /** Zone for an `updated_at` without one: the business zone for files, UTC for databases. */
  timezone?: string;
  raw: unknown;
}

/**
 * Validates a contact and emits its row. A phone that cannot be parsed is rejected on its own
 * (naming its column) and the contact keeps its other phones; a contact whose every given phone
 * is bad is rejected whole, since it could never be matched to a customer.
 */
export function emitContact(input: ContactInput, line: number, file: string, rawText: string, emit: Emit, context: IngestContext): void {
  const fail = (field: string, reason: string) => emit.reject(line, field, reason, rawText);
  if (!input.crm_id) return fail('crm_id', 'missing field');
  if (input.updated_at === null || input.updated_at === undefined || input.updated_at === '') return fail('updated_at', 'missing field');
  const updatedMs = parseInstant(input.updated_at, input.timezone ?? context.timezone);
  if (updatedMs === null) return fail('updated_at', 'bad timestamp');
  const region: CountryCode = regionOf(input.country) ?? context.defaultRegion;
  const phones: string[] = [];
  const given = input.phones.filter(([, value]) => value);
  const bad: string[] = [];
  for (const [field, value] of given) {
    const phone = normalizePhone(value!, region);
    if (!phone) bad.push(field);
    else if (!phones.includes(phone)) phones.push(phone);
  }
  if (given.length > 0 && phones.length === 0) return fail(bad[0], invalidPhone(region, bad[0]));
  for (const field of bad) emit.reject(line, field, invalidPhone(region, field), rawText);
  const fullName = input.full_name ?? ([input.first_name, input.last_name].filter(Boolean).join(' ') || null);
  const contact = {
    crm_id: input.crm_id,
    source: input.source,
    first_name: input.first_name,
    last_name: input.last_name,
    full_name: fullName,
    phones,
    email: input.email,
    tier: input.tier,
    address: input.address,
    postal_code: input.postal_code,
    country: input.country,
    tags: input.tags,
    updated_at_ms: updatedMs,
  };
  emit.row('raw_customers', {
    ...contact,
    updated_at: updatedMs,
    row_hash: rowHash(contact),
    raw_json: JSON.stringify(input.raw),
    source_file: file,
    source_line: line,
    ingested_at_ms: context.ingestedAtMs,
  });
}

/** Tags written as one cell: "vip; wholesale" or "vip,wholesale". */
export function splitTags(cell: string | null | undefined): string[] {
  if (!cell) return [];
  return cell
    .split(/[;,|]/)
    .map((tag) => tag.trim())
    .filter(Boolean);
}

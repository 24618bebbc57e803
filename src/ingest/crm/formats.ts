import type { ContactInput } from './contact.js';
import { splitTags } from './contact.js';

type Values = Readonly<Record<string, string | null | undefined>>;

/** The CRM's own export and database table (the sample's columns). */
export function fromCrmColumns(v: Values, source: ContactInput['source'], raw: unknown, timezone?: string): ContactInput {
  return {
    source,
    crm_id: v.crm_id ?? null,
    first_name: v.first_name ?? null,
    last_name: v.last_name ?? null,
    full_name: v.full_name ?? null,
    phones: [
      ['phone', v.phone ?? null],
      ['mobile_phone', v.mobile_phone ?? null],
    ],
    email: v.email ?? null,
    tier: v.tier ?? null,
    address: v.address ?? null,
    postal_code: v.postal_code ?? null,
    country: v.country ?? null,
    tags: splitTags(v.tags),
    updated_at: v.updated_at,
    timezone,
    raw,
  };
}

/** HubSpot's contacts export ("Export" → CSV): "Record ID", "Phone Number", "Last Modified Date", … */
export function isHubSpotHeader(columns: readonly string[]): boolean {
  return columns.includes('Record ID') && (columns.includes('Phone Number') || columns.includes('Mobile Phone Number'));
}

export function fromHubSpot(v: Values): ContactInput {
  const address = [v['Street Address'], v.City, v['State/Region']].filter(Boolean).join(', ') || null;
  return {
    source: 'hubspot',
    crm_id: v['Record ID'] ?? null,
    first_name: v['First Name'] ?? null,
    last_name: v['Last Name'] ?? null,
    full_name: null,
    phones: [
      ['Phone Number', v['Phone Number'] ?? null],
      ['Mobile Phone Number', v['Mobile Phone Number'] ?? null],
      ['WhatsApp Phone Number', v['WhatsApp Phone Number'] ?? null],
    ],
    email: v.Email ?? null,
    tier: v.Tier ?? null,
    address,
    postal_code: v['Postal Code'] ?? null,
    country: v['Country/Region'] ?? null,
    tags: [...splitTags(v['Lifecycle Stage']), ...splitTags(v.Tags)],
    updated_at: v['Last Modified Date'],
    raw: v,
  };
}

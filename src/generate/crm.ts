/**
 * The CRM contact export: one row per version of a contact (created, later edits), phones typed
 * in assorted ways, sometimes a second mobile number, postal codes often missing, and a few
 * contacts with two different versions saved at the same instant (conflicting edits).
 */
import type { LocalCalendar } from './calendar.js';
import type { Planted, Tally } from './ground-truth.js';
import { crmId } from './ids.js';
import { formatPhone, PHONE_STYLES, type Country } from './market.js';
import { emailFor } from './names.js';
import { CRM_COLUMNS, crmLine, type CrmRow } from './payloads.js';
import type { Customer } from './population.js';
import type { Random } from './random.js';
import type { LineWriter } from './writers.js';

const DAY = 86_400_000;
export const CRM_CONFLICT_SHARE = 0.015;
export const POSTAL_CODE_MISSING_SHARE = 0.23;
const EDIT_SHARE = 0.3;

interface Place {
  address: string;
  postalCode: string;
}

const HK_STREETS = ['Nathan Road', "Queen's Road Central", 'Hennessy Road', "King's Road", 'Des Voeux Road West', 'Castle Peak Road', 'Shau Kei Wan Road', 'Sha Tin Centre Street'];
const HK_DISTRICTS = ['Central', 'Wan Chai', 'Causeway Bay', 'Mong Kok', 'Tsim Sha Tsui', 'Sha Tin', 'Tsuen Wan', 'Kwun Tong'];
const TW_STREETS = ['Zhongxiao E. Rd.', 'Xinyi Rd.', 'Heping E. Rd.', 'Minsheng Rd.', 'Wenxin Rd.', 'Zhongshan Rd.'];
const TW_CITIES = [
  ['Xinyi Dist., Taipei', '110'],
  ['Da’an Dist., Taipei', '106'],
  ['Banqiao Dist., New Taipei', '220'],
  ['Xitun Dist., Taichung', '407'],
  ['Lingya Dist., Kaohsiung', '802'],
] as const;
const ES_STREETS = ['Calle Mayor', 'Calle de Alcalá', 'Gran Vía', 'Avenida Diagonal', 'Calle Colón', 'Calle Sierpes', 'Calle Larios'];
const ES_CITIES = [
  ['Madrid', '28'],
  ['Barcelona', '08'],
  ['Valencia', '46'],
  ['Sevilla', '41'],
  ['Málaga', '29'],
  ['Bilbao', '48'],
] as const;

function drawPlace(country: Country, random: Random): Place {
  if (country === 'HK') {
    const address = `Flat ${random.int(1, 12)}${random.pick(['A', 'B', 'C', 'D'])}, ${random.int(2, 40)}/F, ${random.int(1, 300)} ${random.pick(HK_STREETS)}, ${random.pick(HK_DISTRICTS)}`;
    return { address, postalCode: '999077' };
  }
  if (country === 'TW') {
    const [city, postal] = random.pick(TW_CITIES);
    return { address: `${random.int(2, 15)}F, No. ${random.int(1, 400)}, ${random.pick(TW_STREETS)}, ${city}`, postalCode: postal };
  }
  const [city, province] = random.pick(ES_CITIES);
  const address = `${random.pick(ES_STREETS)} ${random.int(1, 150)}, ${random.int(1, 8)}º ${random.pick(['A', 'B', 'C', 'D'])}, ${city}`;
  return { address, postalCode: `${province}${String(random.int(1, 80)).padStart(3, '0')}` };
}

/** Writes every CRM contact's versions, contacts in crm_id order, versions oldest first. */
export function writeCrm(writer: LineWriter, customers: readonly Customer[], calendar: LocalCalendar, random: Random, tally: Tally, planted: Planted): void {
  writer.line(CRM_COLUMNS.join(','));
  for (const customer of customers) {
    if (customer.crmSerial === undefined) continue;
    const rows = contactVersions(customer, customers, calendar, random);
    if (rows.length > 1 && rows[rows.length - 1].updatedMs === rows[rows.length - 2].updatedMs) planted.conflictingContacts.push(rows[0].crmId);
    for (const row of rows) writer.line(crmLine(row));
    tally.crmRows += rows.length;
    if (rows[rows.length - 1].postalCode === '') tally.crmMissingPostal++;
  }
}

function contactVersions(customer: Customer, customers: readonly Customer[], calendar: LocalCalendar, random: Random): CrmRow[] {
  const createdMs =
    customer.joinDay === 0
      ? calendar.startMs - random.uniform(1, 365) * DAY
      : calendar.dayStartMs(customer.joinDay) + random.uniform(0.1, 2) * DAY;
  const place = drawPlace(customer.country, random);
  const missingPostal = random.chance(POSTAL_CODE_MISSING_SHARE);
  const second = customer.secondPhone !== undefined ? customers[customer.secondPhone] : undefined;
  const first: CrmRow = {
    crmId: crmId(customer.crmSerial!),
    firstName: customer.name.first,
    lastName: customer.name.last,
    phone: formatPhone(customer.phone, PHONE_STYLES.draw(random)),
    mobilePhone: second ? formatPhone(second.phone, PHONE_STYLES.draw(random)) : '',
    email: random.chance(0.85) ? emailFor(customer.name, customer.crmSerial!, random) : '',
    tier: '',
    address: place.address,
    postalCode: missingPostal ? '' : place.postalCode,
    country: customer.country,
    updatedMs: Math.round(Math.min(createdMs, calendar.endMs - DAY)),
  };
  const rows = [first];
  const endMs = calendar.endMs - 1000;
  if (random.chance(EDIT_SHARE) && first.updatedMs < endMs - DAY) {
    const moved = drawPlace(customer.country, random);
    rows.push({ ...first, address: moved.address, postalCode: missingPostal ? '' : moved.postalCode, updatedMs: Math.round(random.uniform(first.updatedMs + DAY, endMs)) });
  }
  const tier = tierFor(customer.state.spentHkdCents);
  const latest = rows[rows.length - 1];
  if (tier && latest.updatedMs < endMs - DAY) rows.push({ ...latest, tier, updatedMs: Math.round(random.uniform(latest.updatedMs + DAY, endMs)) });
  if (random.chance(CRM_CONFLICT_SHARE)) {
    const last = rows[rows.length - 1];
    rows.push({ ...last, tier: last.tier === 'gold' ? 'silver' : 'gold', email: last.email ? last.email.replace('@', '+crm@') : 'sin-email@example.com' });
  }
  return rows;
}

function tierFor(spentHkdCents: number): string {
  if (spentHkdCents >= 800_000) return 'gold';
  if (spentHkdCents >= 250_000) return 'silver';
  return '';
}

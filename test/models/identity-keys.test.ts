import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTransform } from '../../src/transform/run.js';
import { phoneCountry } from '../../src/transform/programs/phone-country.js';
import { initWarehouse } from '../../src/warehouse/init.js';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { modelConfig, rows } from './build.js';
import { customerKey } from './customer-key.js';
import { at, Landing } from './landing.js';

/** Phones and their country: calling codes of one country, and codes several countries share (+1, +7, +44), where only the number tells. */
const COUNTRIES: Record<string, string | null> = {
  '+85291234567': 'HK',
  '+886912345678': 'TW',
  '+34612345678': 'ES',
  '+8613800138000': 'CN',
  '+14155550100': 'US',
  '+16135550100': 'CA',
  '+442071234567': 'GB',
  '+447781123456': 'GG',
  '+77012345678': 'KZ',
  '+74951234567': 'RU',
  '+99912345678': null,
};
const PHONES = Object.keys(COUNTRIES);
const [FIRST, , LINKED] = PHONES;

describe.each(TARGETS)('phone keys and countries on $name', (target) => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await target.open();
    await initWarehouse(warehouse);
    const landing = new Landing();
    PHONES.forEach((phone, i) => landing.inbound(`m${i}`, phone, at('2026-10-01T02:00:00Z') + i * 60_000, 'hola'));
    // Two phones on one CRM record are one customer, keyed by the phone seen first.
    landing.customer({ crmId: 'C-1', phones: [FIRST, LINKED], name: 'Ana', updated: at('2026-10-05T00:00:00Z') });
    await landing.load(warehouse);
    await runTransform(warehouse, modelConfig(), { select: ['+stg_identity'] });
  });
  afterAll(async () => warehouse?.close());

  it("keys each phone by a hash of its customer's first phone and finds its country from the calling code", async () => {
    const identity = await rows(warehouse, 'SELECT phone, customer_key, country, phones_in_customer FROM stg_identity ORDER BY phone');
    const expected = PHONES.map((phone) => {
      const linked = phone === FIRST || phone === LINKED;
      return { phone, customer_key: customerKey(linked ? FIRST : phone), country: COUNTRIES[phone], phones_in_customer: linked ? 2 : 1 };
    }).sort((a, b) => (a.phone < b.phone ? -1 : 1));
    expect(identity).toEqual(expected);
    // The table above is libphonenumber's own answer, which the SQL lookup must reproduce.
    for (const phone of PHONES) expect(phoneCountry(phone)).toBe(COUNTRIES[phone]);
  });
});

import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { LocalCalendar } from '../../src/generate/calendar.js';
import { IdFactory } from '../../src/generate/ids.js';
import { formatPhone, PhoneBook, type Country } from '../../src/generate/market.js';
import { Random } from '../../src/generate/random.js';

describe('local calendar', () => {
  it('counts local days back from the end date, with ISO weekdays', () => {
    const calendar = new LocalCalendar('Asia/Hong_Kong', '2026-11-22', 7);
    expect([0, 6].map((day) => calendar.date(day))).toEqual(['2026-11-16', '2026-11-22']);
    expect([0, 6].map((day) => calendar.weekday(day))).toEqual([1, 7]);
    expect(new Date(calendar.startMs).toISOString()).toBe('2026-11-15T16:00:00.000Z');
    expect(calendar.dayOf(calendar.at(3, 15 * 3600))).toBe(3);
    expect(calendar.dayOf(calendar.endMs)).toBe(7);
  });

  it('keeps local wall-clock hours right across a daylight-saving change', () => {
    const calendar = new LocalCalendar('Europe/Madrid', '2026-10-27', 5);
    for (let day = 0; day < 5; day++) {
      const ms = calendar.at(day, 14 * 3600 + 30 * 60);
      expect(calendar.wallClock(ms)).toMatchObject({ hour: 14, minute: 30 });
      expect(calendar.dayOf(ms)).toBe(day);
    }
    expect(calendar.dayStartMs(3) - calendar.dayStartMs(2)).toBe(25 * 3600_000);
  });
});

describe('phone numbers', () => {
  it('hands out distinct valid mobile numbers in every market, typed in several ways', () => {
    const phones = new PhoneBook(new Random('phones'));
    const seen = new Set<string>();
    for (const country of ['HK', 'TW', 'ES'] as Country[]) {
      for (let i = 0; i < 3000; i++) {
        const phone = phones.next(country);
        expect(seen.has(phone)).toBe(false);
        seen.add(phone);
        const parsed = parsePhoneNumberFromString(phone);
        expect(parsed?.isValid() && parsed.getType() === 'MOBILE' && parsed.country === country, phone).toBe(true);
        if (i % 100 === 0) {
          for (const style of ['international', 'local', 'local_compact'] as const) {
            expect(parsePhoneNumberFromString(formatPhone(phone, style), country)?.number, `${phone} ${style}`).toBe(phone);
          }
        }
      }
    }
    expect(formatPhone('+886912345678', 'local')).toBe('0912-345-678');
    expect(formatPhone('+85291234567', 'international')).toBe('+852 9123 4567');
    expect(formatPhone('+34612345678', 'local')).toBe('612 34 56 78');
  });
});

describe('identifiers', () => {
  it('tracked-link tokens are six base-62 characters and never repeat', () => {
    const ids = new IdFactory(new Random('tokens'));
    const tokens = new Set<string>();
    for (let i = 0; i < 200_000; i++) tokens.add(ids.linkToken());
    expect(tokens.size).toBe(200_000);
    expect([...tokens].every((token) => /^[0-9A-Za-z]{6}$/.test(token))).toBe(true);
  });

  it('message ids are wamids that carry the customer number and never repeat', () => {
    const ids = new IdFactory(new Random('wamids'));
    const seen = new Set<string>();
    for (let i = 0; i < 10_000; i++) seen.add(ids.messageId('85291234567', i % 2 === 0));
    expect(seen.size).toBe(10_000);
    const id = ids.messageId('85291234567', true);
    expect(id.startsWith('wamid.HBgL')).toBe(true);
    expect(Buffer.from(id.slice(6), 'base64').toString('latin1')).toContain('85291234567');
  });
});

import { at, Landing } from './landing.js';
import { random } from '../helpers/random.js';

const INQUIRIES = [
  'Hola, ¿cuánto cuesta el modelo A?',
  '¿Tienen la talla M disponible?',
  'hay descuento para dos?',
  '¿Dónde está mi paquete? 📦',
  'Quiero poner una queja 😡',
  'por favor transferir a humano',
  'how much is the blue one',
  'is it available in stock?',
  'I need a human agent please',
  '請問多少錢？',
  '這款有貨嗎',
  '我要投訴',
  'pago contra reembolso',
  'puedo pagar con tarjeta?',
  'prefiero transferencia bancaria',
  'gracias 😊',
  'ok perfecto',
  'the size is wrong, complaint',
  'rebaja rebaja rebaja',
  'tracking number please',
];
const FIRST = [
  'Tai Man', 'Mei', 'Carlos', 'Lucía', 'Wing', 'Ana', 'John', 'Siu Ling', 'Pedro', 'Yuki', 'Ka Ho', 'Hui Min', 'Javier', 'Sofía',
  'Chun Kit', 'Emily', 'Diego', 'Valentina', 'Wai Lun', 'Grace', 'Mateo', 'Isabel', 'Kwok Wah', 'Olivia', 'Andrés', 'Camila',
  'Hoi Yan', 'Daniel', 'Paula', 'Man Yee',
];
const LAST = [
  'Chan', 'Lin', 'García', 'Wong', 'López', 'Smith', 'Cheung', 'Martínez', 'Lee', 'Rodríguez', 'Ho', 'Fernández', 'Leung',
  'Sánchez', 'Lau', 'Pérez', 'Tang', 'Gómez', 'Ng', 'Díaz', 'Yip', 'Torres', 'Kwan', 'Ruiz', 'Tsang', 'Morales', 'Fung',
  'Castro', 'Chow', 'Ortiz',
];
const AGENTS = ['agent_01', 'agent_02', 'agent_03', 'agent_04'];
const TEMPLATES = ['winter_sale', 'new_arrivals', 'restock_alert'];
const SKUS = Array.from({ length: 200 }, (_, i) => `SKU-${String(i).padStart(3, '0')}`);
/** Mobile number prefixes of a few countries, with the digits that follow them. */
const PREFIXES: [string, number][] = [['+8529', 7], ['+8526', 7], ['+8869', 8], ['+346', 8], ['+5215', 9]];

/** Monday 2026-10-05 00:00 UTC: the generated data spans eight ISO weeks from here. */
const START = at('2026-10-05T00:00:00Z');
const DAY = 86_400_000;

/**
 * A realistic, deterministic landing fixture for parity runs: a few hundred customers over eight
 * weeks, with everything the models must get right — ties in time, unanswered turns, several
 * inbound messages before a reply, campaigns that must not answer, late, repeated and
 * out-of-order statuses, clicks inside and outside 7 days, order versions and conflicts, CRM
 * records with two phones, near-identical names buying the same SKU, survey answers,
 * resolution events, reactions and duplicated deliveries.
 */
export function generateLanding(seed = 7, customers = 300, firstCustomer = 0): Landing {
  const rnd = random(seed + firstCustomer);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const landing = new Landing();
  let n = 0;
  let c = 0;
  const id = (kind: string) => `${kind}${c}.${String(++n).padStart(6, '0')}`;

  for (c = firstCustomer; c < firstCustomer + customers; c++) {
    const [prefix, digits] = pick(PREFIXES);
    const phone = `${prefix}${String(c).padStart(digits, '0')}`;
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    const sessions = int(1, 6);
    let lastInbound = START;
    for (let s = 0; s < sessions; s++) {
      let t = START + int(0, 55) * DAY + int(0, 23) * 3_600_000 + int(0, 3_599_999);
      const inbound = int(1, 3);
      for (let i = 0; i < inbound; i++) {
        const text = pick(INQUIRIES);
        const mid = id('wamid.');
        landing.inbound(mid, phone, t, text, { name: rnd() < 0.8 ? name : null, sentiment: Math.round(rnd() * 100) / 100 });
        if (rnd() < 0.03) landing.inbound(mid, phone, t, text, { name, ingestedAt: t + DAY });
        // Two inbound messages in the same millisecond: ordered by message_id.
        if (rnd() < 0.05) landing.inbound(id('wamid.'), phone, t, 'y otra cosa');
        lastInbound = t;
        t += int(0, 300_000);
      }
      if (rnd() < 0.1) landing.message({ id: id('wamid.'), phone, at: t, type: 'reaction', text: null });
      if (rnd() < 0.15) landing.campaign(id('wamid.'), phone, t + int(0, 60_000), pick(TEMPLATES), '¡Oferta! 🎉');
      const outcome = rnd();
      if (outcome < 0.8) {
        // Replies land 0 s (a tie with the inbound message) to 20 min later.
        const reply = rnd() < 0.05 ? lastInbound : t + int(1_000, 1_200_000);
        if (rnd() < 0.6) landing.agent(id('wamid.'), phone, reply, pick(AGENTS), 'Claro, le ayudo');
        else landing.bot(id('wamid.'), phone, reply);
        if (rnd() < 0.3) landing.agent(id('wamid.'), phone, reply + int(1_000, 60_000), pick(AGENTS), 'algo más?');
        if (rnd() < 0.2) {
          landing.inbound(id('wamid.'), phone, reply + int(60_000, 600_000), null, {
            type: 'interactive',
            interactiveId: `csat_${int(1, 5)}`,
            text: 'Excelente',
          });
        }
        if (rnd() < 0.1) landing.inbound(id('wamid.'), phone, reply + int(600_001, 900_000), 'listo', { type: 'button', interactiveId: 'resolved' });
      }
    }
    // Campaign sends with their statuses: out of order, repeated, late, or failed.
    for (let w = 0; w < 8; w++) {
      if (rnd() > 0.35) continue;
      const sent = START + w * 7 * DAY + int(0, 6) * DAY + int(0, 86_399_999);
      const mid = id('wamid.');
      landing.campaign(mid, phone, sent, pick(TEMPLATES), rnd() < 0.5 ? 'Nueva colección 👗 ya disponible' : 'Nueva colección ya disponible');
      const fate = rnd();
      const conversation = `conv_${c}_${w}`;
      const category = pick(['marketing', 'marketing', 'utility', 'service']);
      if (fate < 0.1) {
        landing.status(mid, phone, 'failed', sent + 2_000, { errorCode: pick([131026, 131049]), errorTitle: 'Message undeliverable' });
        continue;
      }
      landing.status(mid, phone, 'sent', sent + 1_000, { conversationId: conversation, category, billable: category !== 'service' });
      if (fate < 0.85) landing.status(mid, phone, 'delivered', sent + int(2_000, 60_000), { conversationId: conversation, category, billable: category !== 'service' });
      if (fate < 0.6) {
        const read = sent + int(60_000, 3 * DAY);
        landing.status(mid, phone, 'read', read);
        if (rnd() < 0.2) landing.status(mid, phone, 'read', read + 5_000, { ingestedAt: read + DAY });
        if (rnd() < 0.4) landing.click(id('clk_'), mid, read + int(1_000, 9 * DAY));
      }
    }
    // Orders: some after an inquiry, with versions (placed → paid), a few conflicts and cancellations.
    const orders = rnd() < 0.4 ? int(1, 3) : 0;
    for (let o = 0; o < orders; o++) {
      const created = lastInbound + int(-2 * DAY, 20 * DAY);
      const orderId = id('ord_');
      const sku = pick(SKUS);
      const total = int(50, 2_000) + 0.25 * int(0, 3);
      landing.order({ id: orderId, phone, created, status: 'placed', name, total, items: [{ sku }] });
      const next = rnd();
      if (next < 0.6) landing.order({ id: orderId, phone, created, updated: created + int(60_000, 3 * DAY), status: 'paid', name, total, paidAt: rnd() < 0.5 ? created + 30_000 : null, items: [{ sku }] });
      else if (next < 0.7) landing.order({ id: orderId, phone, created, updated: created + 60_000, status: 'cancelled', name, total, items: [{ sku }] });
      else if (next < 0.75) {
        landing.order({ id: orderId, phone, created, updated: created + 90_000, status: 'paid', name, total, rowHash: `${orderId}-x`, items: [{ sku }] });
        landing.order({ id: orderId, phone, created, updated: created + 90_000, status: 'fulfilled', name, total, rowHash: `${orderId}-y`, items: [{ sku }] });
      }
    }
    // A second phone of the same person: near-identical name, same SKU within 90 days.
    if (rnd() < 0.05) {
      const other = `+8525${String(c).padStart(7, '0')}`;
      const when = lastInbound + 3 * DAY;
      landing.inbound(id('wamid.'), other, when, '¿Tienen descuento?', { name: `${name}.` });
      landing.order({ id: id('ord_'), phone: other, created: when + DAY, status: 'paid', name: `${name}.`, items: [{ sku: 'SKU-LINK' }] });
      landing.order({ id: id('ord_'), phone, created: when + 10 * DAY, status: 'paid', name, items: [{ sku: 'SKU-LINK' }] });
    }
    if (rnd() < 0.4) {
      const phones = rnd() < 0.2 ? [phone, `+8527${String(c).padStart(7, '0')}`] : [phone];
      landing.customer({ crmId: `CRM-${c}`, phones, name, updated: START - int(1, 30) * DAY });
      if (rnd() < 0.05) landing.customer({ crmId: `CRM-${c}`, phones, name: `${name} Jr`, updated: START - 31 * DAY, rowHash: 'old' });
      if (rnd() < 0.03) landing.customer({ crmId: `CRM-${c}-dup`, phones: [phone], name, updated: START - DAY, rowHash: 'a' }).customer({ crmId: `CRM-${c}-dup`, phones: [phone], name: `${name} B`, updated: START - DAY, rowHash: 'b' });
    }
  }
  return landing;
}

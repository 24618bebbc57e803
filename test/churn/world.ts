import { addDays } from '../../src/churn/dates.js';
import { Landing } from '../models/landing.js';
import { random } from '../helpers/random.js';
import { normal } from './synthetic.js';

/**
 * A small shop simulated into landing rows, whose churn follows the METRICS.md churn features:
 * planted churners first write less (the interaction rate falls to 15 %), less happily and with
 * more complaints, wait longer for answers and stop reading campaigns, over four to six weeks,
 * then neither write nor order again. Other customers sometimes pause for weeks (a label the
 * features cannot foresee), so the task is not trivial.
 */
export interface WorldOptions {
  readonly customers: number;
  readonly days: number;
  readonly seed: number;
  /** First local date (Asia/Hong_Kong). */
  readonly start: string;
}

export interface PlantedChurner {
  readonly phone: string;
  readonly declineStart: string;
  readonly churnDate: string;
}

/** A customer who is not a churner but goes quiet for a while: the label cannot tell them apart. */
export interface PlantedPause {
  readonly phone: string;
  readonly from: string;
  readonly until: string;
}

export interface World {
  readonly landing: Landing;
  readonly churners: PlantedChurner[];
  readonly pauses: PlantedPause[];
  readonly lastDate: string;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HK_OFFSET = 8 * HOUR;

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

export function simulateWorld(options: WorldOptions): World {
  const rng = random(options.seed);
  const startMs = Date.parse(`${options.start}T00:00:00Z`) - HK_OFFSET;
  const localMs = (day: number, hour: number) => startMs + day * DAY + hour * HOUR;
  const landing = new Landing();
  const churners: PlantedChurner[] = [];
  const pauses: PlantedPause[] = [];
  let ids = 0;
  const id = (prefix: string) => `${prefix}${++ids}`;

  for (let c = 0; c < options.customers; c++) {
    const phone = `+8529${String(2_000_000 + c).padStart(7, '0')}`;
    const joinDay = Math.floor(rng() * 40);
    const heavy = rng() < 0.12;
    const weeklyRate = heavy ? 3 + rng() * 2 : clamp(Math.exp(normal(rng) * 0.5) * 1.3, 0.35, 3);
    const mood = clamp(0.58 + normal(rng) * 0.08, 0.35, 0.8);
    const churnDay = rng() < 0.35 ? 100 + Math.floor(rng() * 196) : null;
    const declineStart = churnDay === null ? null : churnDay - 28 - Math.floor(rng() * 15);
    const pause = churnDay === null && rng() < 0.15 ? { from: 60 + Math.floor(rng() * 200), days: 45 + Math.floor(rng() * 35) } : null;
    if (pause) pauses.push({ phone, from: addDays(options.start, pause.from), until: addDays(options.start, pause.from + pause.days - 1) });
    if (churnDay !== null && declineStart !== null) {
      churners.push({ phone, declineStart: addDays(options.start, declineStart), churnDate: addDays(options.start, churnDay) });
    }
    const decline = (day: number) =>
      churnDay === null || declineStart === null || day < declineStart ? 0 : Math.min(1, (day - declineStart) / (churnDay - declineStart));

    for (let day = joinDay; day < options.days; day++) {
      if (churnDay !== null && day >= churnDay) break;
      if (pause && day >= pause.from && day < pause.from + pause.days) continue;
      const progress = decline(day);
      if (rng() >= Math.min(0.95, (weeklyRate / 7) * (1 - 0.85 * progress))) continue;
      let t = localMs(day, 9 + rng() * 11);
      const inbound = 1 + Math.floor(rng() * 3);
      for (let m = 0; m < inbound; m++) {
        const complaint = rng() < 0.03 + 0.3 * progress;
        const sentiment = clamp(mood - 0.45 * progress + normal(rng) * 0.1, 0, 1);
        landing.inbound(id('w'), phone, Math.round(t), complaint ? 'tengo una queja con el pedido' : 'hola quisiera saber el precio', { sentiment });
        t += (1 + rng() * 4) * 60_000;
      }
      if (rng() < 0.95) {
        const waitS = Math.exp(Math.log(150 * (1 + 5 * progress)) + normal(rng) * 0.6);
        landing.agent(id('r'), phone, Math.round(t + waitS * 1000), `ag${1 + (c % 3)}`);
      }
      if (rng() < 0.22 * (1 - 0.8 * progress)) {
        landing.order({ id: id('o'), phone, created: Math.round(t + (1 + rng() * 48) * HOUR), total: Math.round(80 + rng() * 400) });
      }
    }

    for (let day = joinDay + 3; day < options.days; day += 10) {
      const sent = localMs(day, 11);
      const messageId = id('k');
      landing.campaign(messageId, phone, sent, 'promo');
      landing.status(messageId, phone, 'delivered', sent + 5_000);
      const gone = churnDay !== null && day >= churnDay;
      const readProbability = gone ? 0.08 : 0.8 * (1 - 0.7 * decline(day));
      if (rng() < readProbability) landing.status(messageId, phone, 'read', sent + Math.round((1 + rng() * 120) * 60_000));
    }
  }
  return { landing, churners, pauses, lastDate: addDays(options.start, options.days - 1) };
}

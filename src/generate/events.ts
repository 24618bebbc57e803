/**
 * Everything the simulation emits, held in one bucket per local day until that day is written.
 * Events are planned ahead (replies, statuses that arrive late, orders days later), but the files
 * are written in time order: a bucket is sorted when its day is done, and no later day can add
 * to it, so memory holds only the few days still open.
 */
import type { LocalCalendar } from './calendar.js';

/** Pre-serialized JSON or CSV, so a queued event costs one string. */
export type DatasetEvent =
  | { kind: 'message'; at: number; contact: string; item: string }
  | { kind: 'status'; at: number; item: string }
  | { kind: 'send'; at: number; line: string }
  | { kind: 'click'; at: number; line: string }
  | { kind: 'order'; at: number; line: string };

export type QueuedEvent = DatasetEvent & { seq: number };

export class EventQueue {
  private readonly buckets: QueuedEvent[][];
  private seq = 0;
  private nextOpenDay = 0;
  /** Events planned after the end of the period (the data stops there, as a real export would). */
  beyondEnd = 0;

  constructor(private readonly calendar: LocalCalendar) {
    this.buckets = Array.from({ length: calendar.days }, () => []);
  }

  /** Queues an event; false when it falls after the end of the period (and is left out). */
  push(event: DatasetEvent): boolean {
    const day = this.calendar.dayOf(event.at);
    if (day >= this.calendar.days) {
      this.beyondEnd++;
      return false;
    }
    if (day < this.nextOpenDay) throw new Error(`event at ${new Date(event.at).toISOString()} planned for a day already written`);
    const queued = event as QueuedEvent;
    queued.seq = this.seq++;
    this.buckets[day].push(queued);
    return true;
  }

  /** The day's events in time order (ties in planning order); the day is closed afterwards. */
  take(day: number): QueuedEvent[] {
    const events = this.buckets[day];
    this.buckets[day] = [];
    this.nextOpenDay = day + 1;
    events.sort((a, b) => a.at - b.at || a.seq - b.seq);
    return events;
  }
}

import type { Warehouse } from '../../src/warehouse/types.js';
import { createFixtureTable, type FixtureRow } from './fixture-tables.js';

/**
 * Hand-made tables for the fixture definitions in fixtures/definitions: two ISO weeks, 2026-W46
 * (9–15 Nov) and 2026-W47 (16–22 Nov), with values chosen so every rule has a case.
 */
export const FIXTURE_DEFINITIONS = new URL('./fixtures/definitions/', import.meta.url).pathname;

const W46_DATES = ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15'];
const W47_DATES = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'];

/** W46: 100 answered turns a day; W47: 120 on weekdays and 60 at the weekend; one day with no median. */
export const DAILY: FixtureRow[] = [
  ...W46_DATES.map((local_date, i) => ({ local_date, weekday: i + 1, answered_turns: 100, within_sla_turns: 90, median_response_s: 100 + i })),
  ...W47_DATES.map((local_date, i) => ({
    local_date,
    weekday: i + 1,
    answered_turns: i < 5 ? 120 : 60,
    within_sla_turns: i < 5 ? 96 : 30,
    median_response_s: i === 6 ? null : 150 + 10 * i,
  })),
];

export const AGENTS: FixtureRow[] = [
  { iso_week: '2026-W46', agent_id: 'ana', answered_turns: 30, mean_response_s: 200, flag_slow: false, tags: ['es'] },
  { iso_week: '2026-W46', agent_id: 'bot', answered_turns: 95, mean_response_s: 2, flag_slow: false, tags: [] },
  { iso_week: '2026-W46', agent_id: 'dora', answered_turns: 50, mean_response_s: 150, flag_slow: false, tags: ['zh', 'en'] },
  { iso_week: '2026-W47', agent_id: 'ana', answered_turns: 40, mean_response_s: 240.5, flag_slow: false, tags: ['es'] },
  { iso_week: '2026-W47', agent_id: 'bot', answered_turns: 100, mean_response_s: 3, flag_slow: false, tags: [] },
  { iso_week: '2026-W47', agent_id: 'carlos', answered_turns: 12, mean_response_s: 420, flag_slow: true, tags: ['es', 'en'] },
  { iso_week: '2026-W47', agent_id: 'dora', answered_turns: 5, mean_response_s: 100, flag_slow: false, tags: ['zh', 'en'] },
];

export const HEATMAP: FixtureRow[] = Array.from({ length: 7 * 24 }, (_, i) => ({
  iso_week: '2026-W47',
  weekday: Math.floor(i / 24) + 1,
  hour: i % 24,
  messages: (i % 24 >= 9 && i % 24 <= 21 ? 20 : 2) + (Math.floor(i / 24) < 5 ? 5 : 0),
}));

export async function loadServiceFixture(warehouse: Warehouse): Promise<void> {
  await createFixtureTable(
    warehouse,
    'fx_service_daily',
    { local_date: 'date', weekday: 'int', answered_turns: 'int', within_sla_turns: 'int', median_response_s: 'float' },
    DAILY,
  );
  await createFixtureTable(
    warehouse,
    'fx_agent_weekly',
    { iso_week: 'text', agent_id: 'text', answered_turns: 'int', mean_response_s: 'float', flag_slow: 'bool', tags: 'texts' },
    AGENTS,
  );
  await createFixtureTable(warehouse, 'fx_heatmap', { iso_week: 'text', weekday: 'int', hour: 'int', messages: 'int' }, HEATMAP);
}

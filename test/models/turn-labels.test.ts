import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/warehouse/types.js';
import { TARGETS } from '../harness/targets.js';
import { buildModels, rows } from './build.js';
import { at, Landing } from './landing.js';

const E = '+85291120011';
const F = '+85291120012';

/**
 * Keyword labels of turns (int_turn_levels, level 'label'): a turn gets the category of every
 * keyword matched by an inbound message from its start up to its reply, or to the end when it is
 * unanswered. The cases sit on both sides of what DuckDB joins differently (turns answered on the
 * UTC day they started, and all others):
 * - e1 answered the same UTC day; e3 arrives at the very instant of the reply e2 and, inbound
 *   before outbound, still belongs to e1's turn; e4 starts the next turn, never answered.
 * - f1 starts before midnight UTC and its match f2 comes after it; f3 answers. f4 comes later and
 *   is unanswered: its turn spans the days to the end.
 */
function fixture(): Landing {
  return new Landing()
    .inbound('e1', E, at('2026-11-24T10:00:00Z'), 'tengo una queja')
    .agent('e2', E, at('2026-11-24T10:05:00Z'), 'ag1')
    .inbound('e3', E, at('2026-11-24T10:05:00Z'), 'y quiero un descuento')
    .inbound('e4', E, at('2026-11-24T11:00:00Z'), 'cual es la talla')
    .inbound('f1', F, at('2026-11-24T23:50:00Z'), 'hola')
    .inbound('f2', F, at('2026-11-25T00:10:00Z'), 'una queja')
    .agent('f3', F, at('2026-11-25T00:20:00Z'), 'ag1')
    .inbound('f4', F, at('2026-11-26T08:00:00Z'), 'hola otra vez')
    .inbound('f5', F, at('2026-11-28T08:00:00Z'), 'cual es el precio');
}

describe.each(TARGETS)('turn keyword labels on $name', (target) => {
  let warehouse: Warehouse;

  beforeAll(async () => {
    warehouse = await buildModels(target, fixture());
  });
  afterAll(async () => warehouse?.close());

  it('labels each turn with the categories of the matches inside it, on both clocks', async () => {
    const labels = await rows(warehouse, "SELECT clock, turn_id, level_value AS category FROM int_turn_levels WHERE level = 'label' ORDER BY clock, turn_id, category");
    const expected = [
      { turn_id: 'e1', category: 'complaint' },
      { turn_id: 'e1', category: 'price_discount' },
      { turn_id: 'e4', category: 'size' },
      { turn_id: 'f1', category: 'complaint' },
      { turn_id: 'f4', category: 'price' },
    ];
    expect(labels).toEqual(['bots_count', 'human_only'].flatMap((clock) => expected.map((label) => ({ clock, ...label }))));
  });
});

import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { buildInDependencyOrder } from '../../src/transform/schedule.js';

/** a → (b, c) → d, plus e that depends on nothing and f on a model outside the selection. */
const DIAMOND = [
  { name: 'a', refs: [] },
  { name: 'b', refs: ['a'] },
  { name: 'c', refs: ['a'] },
  { name: 'd', refs: ['b', 'c'] },
  { name: 'e', refs: [] },
  { name: 'f', refs: ['not_selected'] },
];

/** Records when each build starts and ends; builds take `ms[name]` (default 5 ms), those in `failing` throw. */
function recorder(ms: Record<string, number> = {}, failing: string[] = []) {
  const events: string[] = [];
  let running = 0;
  let peak = 0;
  const build = async (node: { name: string }) => {
    events.push(`start ${node.name}`);
    peak = Math.max(peak, ++running);
    await sleep(ms[node.name] ?? 5);
    running--;
    events.push(`end ${node.name}`);
    if (failing.includes(node.name)) throw new Error(`${node.name} broke`);
  };
  return { events, build, peak: () => peak };
}

describe('building models in dependency order', () => {
  it('builds one at a time at width 1, the head of the longest chain first and ties in the listed order', async () => {
    const { events, build, peak } = recorder();
    const [a, b, c, d, e, f] = DIAMOND;
    await buildInDependencyOrder([e, f, a, b, c, d], 1, build);
    expect(events.filter((event) => event.startsWith('start'))).toEqual(['start a', 'start b', 'start c', 'start e', 'start f', 'start d']);
    expect(peak()).toBe(1);
  });

  it('runs independent models side by side, never more than the width, never before their inputs', async () => {
    const { events, build, peak } = recorder({ a: 30 });
    await buildInDependencyOrder(DIAMOND, 2, build);
    expect(peak()).toBe(2);
    expect(events.slice(0, 2)).toEqual(['start a', 'start e']);
    for (const [node, input] of [['b', 'a'], ['c', 'a'], ['d', 'b'], ['d', 'c']]) {
      expect(events.indexOf(`start ${node}`)).toBeGreaterThan(events.indexOf(`end ${input}`));
    }
    expect(events.filter((event) => event.startsWith('end'))).toHaveLength(6);
  });

  it('starts nothing after a failure, lets the builds under way finish, and throws the first error', async () => {
    const { events, build } = recorder({ a: 5, e: 40 }, ['a']);
    await expect(buildInDependencyOrder(DIAMOND, 2, build)).rejects.toThrow('a broke');
    expect(events).toEqual(['start a', 'start e', 'end a', 'end e']);
  });

  it('stops starting models once the signal aborts', async () => {
    const controller = new AbortController();
    const { events, build } = recorder();
    const stopping = buildInDependencyOrder(DIAMOND, 1, async (node) => {
      await build(node);
      if (node.name === 'b') controller.abort(new Error('stopped by the operator'));
    }, controller.signal);
    await expect(stopping).rejects.toThrow('stopped by the operator');
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b']);
  });
});

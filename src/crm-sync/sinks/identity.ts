import type { ItemKind, SinkConfig } from '../config.js';

/** A sink's name in the outbox (its type unless named) and the kinds it receives. */
export function sinkIdentity(config: SinkConfig): { name: string; kinds: readonly ItemKind[] } {
  return { name: config.name ?? config.type, kinds: config.items };
}

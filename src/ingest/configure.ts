import type { Source } from './source.js';

/** A source set up with the options it takes (chat-export's phone and date order); others as they are. */
export function configured(source: Source, values: Record<string, unknown>): Source {
  return source.configure ? source.configure(values) : source;
}

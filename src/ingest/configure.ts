import type { ConfigurableSource } from './chat-export/index.js';
import type { Source } from './source.js';

/** A source set up with the options it takes (chat-export's phone and date order); others as they are. */
export function configured(source: Source, values: Record<string, unknown>): Source {
  return isConfigurable(source) ? source.configure(values) : source;
}

export function isConfigurable(source: Source): source is Source & ConfigurableSource {
  return 'configure' in source && 'cliOptions' in source;
}

import type { ChangeSet } from '../changes/diff.js';
import type { Facts } from '../facts/schema.js';
import { composeDeck } from '../model/compose.js';
import type { Deck } from '../model/deck.js';
import { estimated, type Metrics } from './metrics.js';
import { pack } from './pack.js';

/** Facts → a deck laid out by `metrics` (by default the estimate, as builds without a browser do). Pure. */
export function layoutDeck(facts: Facts, options: { changes?: ChangeSet; metrics?: Metrics } = {}): Deck {
  const { flows, ...meta } = composeDeck(facts, options.changes ? { changes: options.changes } : {});
  return { ...meta, slides: pack({ ...meta, flows }, options.metrics ?? estimated).slides };
}

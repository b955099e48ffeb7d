import type { Block, Deck, SectionId } from './deck.js';

/**
 * A section's content before it is laid out on slides: units in reading order, each one list
 * item, table row, paragraph, quote, heading or drawing. Layout (src/layout) packs units onto
 * as few slides as fit, never splitting one.
 */
export interface Unit {
  /** Unique within the deck, e.g. `background.3`; ties a rendered element to the model. */
  id: string;
  /** The unit as a block of its own: a list of one item, a table of one row, … */
  block: Block;
  /** Adjacent units of the same group on a slide are one list or one table. */
  group?: string;
  /** A heading: never the last thing on a slide. */
  keepWithNext?: boolean;
  /** Shown again above this unit when a slide starts with it (a continued list's heading). */
  context?: Block;
  /** Facts fields the unit shows, for messages. */
  fields: string[];
}

export interface Flow {
  /** What layout decisions are keyed by: the section, or one actor's slides. */
  key: string;
  section: SectionId;
  /** Id of its first slide; later slides add `-2`, `-3`. */
  id: string;
  /** The heading; continuation slides number it. */
  title: string;
  units: Unit[];
  /** Speaker notes of its first slide, one string per paragraph. */
  notes?: string[];
  /** The facts field they come from, for messages. */
  notesField?: string;
  outline?: string;
  /** A heading already numbered by the composer (one of several drawings): never renumbered. */
  fixedTitle?: boolean;
  /** The title slide: one slide, its heading the deck title. */
  titleSlide?: boolean;
}

/** A deck before layout: everything but the division of flows into slides. */
export type Composed = Omit<Deck, 'slides'> & { flows: Flow[] };

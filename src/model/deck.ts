/** The deck model: what every later stage (Markdown, HTML, PDF) is made from. */

export type SectionId =
  | 'title'
  | 'bottom-line'
  | 'changes'
  | 'background'
  | 'timeline'
  | 'positions'
  | 'options'
  | 'next-steps'
  | 'sources';

export const SECTION_LABELS: Record<SectionId, string> = {
  title: 'Briefing',
  'bottom-line': 'Bottom line',
  changes: 'What changed',
  background: 'Background',
  timeline: 'Timeline',
  positions: 'Positions',
  options: 'Options',
  'next-steps': 'Next steps',
  sources: 'Sources',
};

export interface Slide {
  /** Unique within the deck; used as the HTML id and in `#/id` links. */
  id: string;
  section: SectionId;
  /** Plain-text title, for outlines and tests. */
  title: string;
  /** The slide's Markdown, facts text already escaped. */
  markdown: string;
  /** Speaker notes as Markdown, if any. */
  notes?: string;
  /** The group of slides that splits differently when this one does not fit (section or actor). */
  fitKey?: string;
  /** How many facts items (list entries, rows, quotes) the slide holds: one cannot be split. */
  items?: number;
  /** Facts fields shown on the slide, e.g. `actors[0].quotes[2].text`, for messages. */
  fields?: string[];
  /** Text size when set smaller to fit (0.85 to 1). */
  zoom?: number;
  /** A bookmark of its own under its section in the PDF outline (an actor, an option). */
  outline?: string;
  /**
   * A drawing (inline SVG) shown under the slide's heading. The rest of the Markdown is then
   * its text alternative: read by screen readers, not shown.
   */
  visual?: { svg: string; label: string };
}

export interface Deck {
  title: string;
  subtitle?: string;
  /** Formatted, e.g. "13 February 2019". */
  asOf: string;
  preparedBy: string;
  marking: string;
  language: string;
  slides: Slide[];
}

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

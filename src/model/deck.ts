/**
 * The deck model: what every output (slides.md, the reveal.js page, the PDFs, their metadata
 * and outline) is rendered from. Text is held as runs of plain characters, never as Markdown
 * or HTML, so each renderer escapes it for its own format and no renderer re-parses another's
 * output.
 */
import type { PartialDate } from '../facts/dates.js';
import type { Labels, SectionKey } from '../labels/index.js';
// A drawing holds what its drawer takes, so the model and the drawings cannot drift apart.
import type { MatrixOption } from '../visuals/matrix.js';
import type { TimelineEvent } from '../visuals/timeline.js';

/** The deck's sections, in the order a briefer presents them; each language names them. */
export type SectionId = SectionKey;

/** A stretch of inline content. */
export type Run =
  | { kind: 'text'; text: string; style?: 'strong' | 'em' }
  /** Citation of sources by their number in the deck's list of sources. */
  | { kind: 'cite'; sources: number[] }
  /** An item new or changed since the earlier facts the deck is compared with. */
  | { kind: 'tag'; mark: 'new' | 'updated' }
  | { kind: 'link'; href: string; text: string };

export interface ListItem {
  runs: Run[];
  /** Its number in an ordered list, which goes on counting across continuation slides. */
  number?: number;
}

export interface Column {
  label: string;
  /** Share of the table's width (the columns of a table add up to 1). */
  width: number;
  /** Dates and numbers: kept on one line where they fit. */
  nowrap?: boolean;
}

export type Block =
  /** A heading inside a slide ("Key terms", "Actions"). */
  | { kind: 'heading'; runs: Run[] }
  | { kind: 'paragraph'; runs: Run[]; role?: 'subtitle' | 'byline' | 'marking' }
  | { kind: 'list'; ordered: boolean; items: ListItem[] }
  | { kind: 'table'; columns: Column[]; rows: Run[][][] }
  | { kind: 'quote'; runs: Run[]; attribution: Run[] }
  /** A drawing and its text alternative (one line per entry, for screen readers and slides.md). */
  | { kind: 'drawing'; drawing: Drawing; alt: string[]; label: string };

export type Drawing =
  /** `numbers`: the events' numbers when the drawing shows numbered markers (the table's key). */
  | { type: 'timeline'; events: TimelineEvent[]; asOf: PartialDate; room: number; numbers?: number[] }
  /** A piece of the matrix: its options are numbered from `firstOption`. */
  | { type: 'matrix'; actors: { id: string; name: string }[]; options: MatrixOption[]; firstOption: number; room: number };

export interface Slide {
  /** Unique within the deck; used as the HTML id and in `#/id` links. */
  id: string;
  section: SectionId;
  /** The heading, as shown: "Background (2/3)". The title slide's is the deck title. */
  title: string;
  blocks: Block[];
  /** Speaker notes, one string per paragraph. */
  notes?: string[];
  /** The facts field the notes come from, for messages. */
  notesField?: string;
  /** Text size when one item alone needs a smaller size to fit (0.85 to 1). */
  zoom?: number;
  /** A bookmark of its own under its section in the PDF outline (an actor, an option). */
  outline?: string;
  /** Facts fields shown on the slide, e.g. `actors[0].quotes[2].text`, for messages. */
  fields: string[];
  /**
   * For each block, the layout units it shows (one per list item or table row; none for a
   * repeated heading): ids that tie the rendered elements to the model for measuring.
   */
  units: string[][];
}

export interface SourceEntry {
  number: number;
  id: string;
  publisher: string;
  title: string;
  date?: PartialDate;
  url?: string;
  /** Quotes citing it were checked against a local copy. */
  checked: boolean;
}

export interface Deck {
  title: string;
  subtitle?: string;
  asOf: PartialDate;
  preparedBy: string;
  marking: string;
  audience?: string;
  /** BCP 47 language tag of the deck's text. */
  language: string;
  /** Every word the deck adds to the facts. */
  labels: Labels;
  /** The actors' names, for search keywords. */
  keywords: string[];
  sources: SourceEntry[];
  slides: Slide[];
}

/** The plain text of runs: what a reader sees, without citations or tags. */
export function plainText(runs: readonly Run[]): string {
  return runs.map((r) => (r.kind === 'text' || r.kind === 'link' ? r.text : '')).join('');
}

/** Source numbers a slide cites, in order. */
export function citedSources(slide: Slide): number[] {
  const cited = new Set<number>();
  const visit = (runs: readonly Run[]) => {
    for (const r of runs) if (r.kind === 'cite') for (const n of r.sources) cited.add(n);
  };
  for (const b of slide.blocks) {
    switch (b.kind) {
      case 'heading':
      case 'paragraph':
        visit(b.runs);
        break;
      case 'list':
        for (const item of b.items) visit(item.runs);
        break;
      case 'table':
        for (const row of b.rows) for (const cell of row) visit(cell);
        break;
      case 'quote':
        visit(b.runs);
        visit(b.attribution);
        break;
      case 'drawing':
        break;
    }
  }
  return [...cited].sort((a, b) => a - b);
}

import { plainText, type Block, type Run } from '../model/deck.js';
import type { Flow, Unit } from '../model/flow.js';

/**
 * Heights in px of the 1280×720 slide at the designed text size: measured in Chromium when the
 * PDF is made, estimated otherwise. Layout packs slides from these numbers alone.
 */
export interface Metrics {
  /** Height of a slide's body, from the top of its heading to the bottom of the body. */
  capacity: number;
  /** The heading and the space under it. */
  heading(flow: Flow): number;
  height(unit: Unit): number;
  /** Space between two units that follow each other on a slide. */
  gap(a: Unit, b: Unit): number;
  /** What stands above a unit that starts a slide (a table's header row). */
  lead(unit: Unit): number;
  /** A list's heading, repeated above a unit that starts a continuation slide. */
  context(unit: Unit): number;
}

/** The body of a slide (720 less the header, footer and padding), as themes/base.css lays it out. */
const CAPACITY = 606;
const WIDTH = 1168;

const runsText = (runs: readonly Run[]) =>
  runs.map((r) => (r.kind === 'cite' ? ' 00' : r.kind === 'tag' ? ' updated' : r.kind === 'link' ? r.text : r.text)).join('');

/** Lines of `text` in a box `width` px wide at `size` px (an average Source Sans 3 glyph is about 0.47 em; 0.5 errs on the safe side). */
function lines(text: string, width: number, size: number): number {
  const perLine = Math.max(1, Math.floor(width / (size * 0.5)));
  // Words do not break: a line holds whole words, so count word by word.
  let count = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const len = word.length;
    if (used > 0 && used + 1 + len > perLine) {
      count += 1 + Math.floor(Math.max(0, len - 1) / perLine);
      used = len % perLine || perLine;
    } else {
      used += (used > 0 ? 1 : 0) + len;
      while (used > perLine) {
        count += 1;
        used -= perLine;
      }
    }
  }
  return count;
}

/** Estimated height of a unit's block, alone. */
function blockHeight(block: Block, section: string): number {
  switch (block.kind) {
    case 'heading':
      return 28;
    case 'paragraph':
      return lines(runsText(block.runs), WIDTH, 26) * 35.1;
    case 'list': {
      const size = section === 'bottom-line' ? 29 : section === 'sources' ? 20 : 26;
      return block.items.reduce((h, item) => h + lines(runsText(item.runs), WIDTH - 40, size) * size * 1.35, 0);
    }
    case 'table': {
      return block.rows.reduce((h, row) => {
        const tallest = Math.max(...row.map((cell, i) => lines(runsText(cell), block.columns[i]!.width * WIDTH - 24, 23)));
        return h + tallest * 31.05 + 17;
      }, 0);
    }
    case 'quote':
      return lines(plainText(block.runs), WIDTH - 50, 25) * 33.75 + lines(runsText(block.attribution), WIDTH - 50, 20) * 27 + 16 + 14;
    case 'drawing':
      return block.drawing.room;
  }
}

/** Layout by estimate, for decks built without a browser: a little generous, so text rarely runs over. */
export const estimated: Metrics = {
  capacity: CAPACITY,
  heading: (flow) => lines(flow.title, WIDTH, 40) * 46 + 18,
  height: (unit) => blockHeight(unit.block, unit.id.split('.')[0]!),
  gap: (a, b) => {
    if (b.block.kind === 'heading') return 22;
    if (a.group !== undefined && a.group === b.group) return a.block.kind === 'list' ? (a.id.startsWith('bottom-line') ? 18 : 10) : 0;
    return b.block.kind === 'table' ? 14 + 49 : 14;
  },
  lead: (unit) => (unit.block.kind === 'table' ? 49 : unit.block.kind === 'heading' ? 4 : 0),
  context: () => 28 + 8,
};

import { el, escapeXml, text, wrap, type Visual } from './svg.js';

export type Position = 'backs' | 'conditional' | 'opposes' | 'open' | 'unknown';

export interface MatrixInput {
  actors: { id: string; name: string }[];
  options: {
    title: string;
    backers?: string[];
    opponents?: string[];
    undecided?: string[];
    /** Backing on a condition: its own mark, and the condition as a numbered footnote. */
    conditional?: { actor: string; condition: string }[];
  }[];
}

const WIDTH = 1168;
const NAME_WIDTH = 230;
const HEAD = 96;
/** Row height: roomy for a few actors, tighter for many, so one slide holds up to MATRIX_ROWS. */
const rowHeight = (rows: number) => Math.min(34, Math.floor(340 / Math.max(1, rows)));
const SIZE = 16;

export const POSITION_WORDS: Record<Position, string> = {
  backs: 'backs',
  conditional: 'backs on a condition',
  opposes: 'opposes',
  open: 'undecided',
  unknown: 'position not known',
};

export function positionOf(actor: string, option: MatrixInput['options'][number]): Position {
  if (option.backers?.includes(actor)) return 'backs';
  if (option.conditional?.some((c) => c.actor === actor)) return 'conditional';
  if (option.opponents?.includes(actor)) return 'opposes';
  if (option.undecided?.includes(actor)) return 'open';
  return 'unknown';
}

/** The mark for a position: each a different shape, so it reads in greyscale print. */
function mark(position: Position, cx: number, cy: number): string {
  switch (position) {
    case 'backs':
      return el('circle', { class: 'm-backs', cx, cy, r: 9 });
    case 'conditional':
      // Half filled: between backing (filled) and undecided (open), in any print.
      return (
        el('circle', { class: 'm-open', cx, cy, r: 8 }) +
        el('path', { class: 'm-backs', d: `M${cx} ${cy - 8}A8 8 0 0 0 ${cx} ${cy + 8}Z` })
      );
    case 'opposes':
      return el('path', { class: 'm-opposes', d: `M${cx - 8} ${cy - 8}L${cx + 8} ${cy + 8}M${cx + 8} ${cy - 8}L${cx - 8} ${cy + 8}` });
    case 'open':
      return el('circle', { class: 'm-open', cx, cy, r: 8 });
    case 'unknown':
      return el('line', { class: 'm-unknown', x1: cx - 6, y1: cy, x2: cx + 6, y2: cy });
  }
}

/** Rows the matrix holds on one slide, with its header and legend. */
export const MATRIX_ROWS = 12;

/**
 * Actors × options: who backs, opposes or has not decided on each option, with a legend.
 * Options are numbered as on their own slides; titles head the columns when they fit.
 */
export function drawMatrix({ actors, options }: MatrixInput, firstOption = 1): Visual {
  const columns = options.length;
  const colWidth = (WIDTH - NAME_WIDTH) / Math.max(1, columns);
  const row = rowHeight(actors.length);
  const titleLines = colWidth >= 110 ? 3 : 0;
  const parts: string[] = [];
  options.forEach((o, i) => {
    const cx = NAME_WIDTH + colWidth * (i + 0.5);
    parts.push(text(cx, 22, `Option ${firstOption + i}`, { class: 'm-head', 'text-anchor': 'middle' }));
    if (titleLines) {
      wrap(o.title, colWidth - 12, 14, titleLines).forEach((line, l) =>
        parts.push(text(cx, 42 + l * 16, line, { class: 'm-title', 'text-anchor': 'middle' })),
      );
    }
  });
  const notes = conditions({ actors, options }, firstOption);
  actors.forEach((a, r) => {
    const y = HEAD + r * row;
    if (r % 2 === 0) parts.push(el('rect', { class: 'm-stripe', x: 0, y, width: WIDTH, height: row }));
    parts.push(text(8, y + row / 2 + 5, wrap(a.name, NAME_WIDTH - 16, SIZE, 1)[0]!, { class: 'm-name' }));
    options.forEach((o, i) => {
      const cx = NAME_WIDTH + colWidth * (i + 0.5);
      parts.push(mark(positionOf(a.id, o), cx, y + row / 2));
      const note = notes.find((n) => n.actor === a.id && n.option === i);
      if (note) parts.push(text(cx + 12, y + row / 2 - 2, String(note.number), { class: 'm-legend' }));
    });
  });
  const bottom = HEAD + actors.length * row;
  parts.push(el('line', { class: 'm-rule', x1: 0, y1: HEAD - 6, x2: WIDTH, y2: HEAD - 6 }));
  const legendY = bottom + 34;
  let x = 8;
  const shown: Position[] = notes.length ? ['backs', 'conditional', 'opposes', 'open', 'unknown'] : ['backs', 'opposes', 'open', 'unknown'];
  for (const p of shown) {
    parts.push(mark(p, x + 9, legendY - 5), text(x + 26, legendY, POSITION_WORDS[p], { class: 'm-legend' }));
    x += 44 + POSITION_WORDS[p].length * 8.5;
  }
  let height = legendY + 12;
  for (const n of notes) {
    height += 20;
    parts.push(text(8, height - 6, wrap(`${n.number}  ${n.text}`, WIDTH - 16, 14, 1)[0]!, { class: 'm-legend' }));
  }

  const alt = actors.map((a) => {
    const by = (p: Position) =>
      options.flatMap((o, i) => (positionOf(a.id, o) === p ? [`option ${firstOption + i}`] : []));
    const parts2 = (['backs', 'conditional', 'opposes', 'open'] as const)
      .filter((p) => by(p).length > 0)
      .map((p) =>
        p === 'conditional'
          ? options
              .flatMap((o, i) => (o.conditional ?? []).filter((c) => c.actor === a.id).map((c) => `backs option ${firstOption + i} ${c.condition}`))
              .join('; ')
          : `${POSITION_WORDS[p]} ${by(p).join(', ')}`,
      );
    return `${a.name}: ${parts2.length ? parts2.join('; ') : 'no known position on these options'}`;
  });
  const label = `Positions of ${actors.length} actors on ${columns} options: filled circle backs,${notes.length ? ' half-filled circle backs on a condition,' : ''} cross opposes, open circle undecided, dash not known.`;
  const svg = el(
    'svg',
    { class: 'v-matrix', viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: 'img', 'aria-label': label },
    el('title', {}, escapeXml(label)) + parts.join(''),
  );
  return { svg, alt, label };
}

export interface ConditionNote {
  number: number;
  actor: string;
  /** Index of the option in the drawing. */
  option: number;
  text: string;
}

/** The conditions on this drawing, numbered in reading order: "1  EU backs option 2 with …". */
export function conditions({ actors, options }: MatrixInput, firstOption = 1): ConditionNote[] {
  const notes: ConditionNote[] = [];
  for (const a of actors) {
    options.forEach((o, i) => {
      const c = o.conditional?.find((x) => x.actor === a.id);
      if (c) notes.push({ number: notes.length + 1, actor: a.id, option: i, text: `${a.name} backs option ${firstOption + i} ${c.condition}` });
    });
  }
  return notes;
}

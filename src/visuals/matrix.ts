import { el, escapeXml, text, wrap, type Visual } from './svg.js';

export type Position = 'backs' | 'opposes' | 'open' | 'unknown';

export interface MatrixInput {
  actors: { id: string; name: string }[];
  options: { title: string; backers?: string[]; opponents?: string[]; undecided?: string[] }[];
}

const WIDTH = 1168;
const NAME_WIDTH = 230;
const HEAD = 96;
/** Row height: roomy for a few actors, tighter for many, so one slide holds up to MATRIX_ROWS. */
const rowHeight = (rows: number) => Math.min(34, Math.floor(340 / Math.max(1, rows)));
const SIZE = 16;

export const POSITION_WORDS: Record<Position, string> = {
  backs: 'backs',
  opposes: 'opposes',
  open: 'undecided',
  unknown: 'position not known',
};

export function positionOf(actor: string, option: MatrixInput['options'][number]): Position {
  if (option.backers?.includes(actor)) return 'backs';
  if (option.opponents?.includes(actor)) return 'opposes';
  if (option.undecided?.includes(actor)) return 'open';
  return 'unknown';
}

/** The mark for a position: each a different shape, so it reads in greyscale print. */
function mark(position: Position, cx: number, cy: number): string {
  switch (position) {
    case 'backs':
      return el('circle', { class: 'm-backs', cx, cy, r: 9 });
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
  actors.forEach((a, r) => {
    const y = HEAD + r * row;
    if (r % 2 === 0) parts.push(el('rect', { class: 'm-stripe', x: 0, y, width: WIDTH, height: row }));
    parts.push(text(8, y + row / 2 + 5, wrap(a.name, NAME_WIDTH - 16, SIZE, 1)[0]!, { class: 'm-name' }));
    options.forEach((o, i) => parts.push(mark(positionOf(a.id, o), NAME_WIDTH + colWidth * (i + 0.5), y + row / 2)));
  });
  const bottom = HEAD + actors.length * row;
  parts.push(el('line', { class: 'm-rule', x1: 0, y1: HEAD - 6, x2: WIDTH, y2: HEAD - 6 }));
  const legendY = bottom + 34;
  let x = 8;
  for (const p of ['backs', 'opposes', 'open', 'unknown'] as const) {
    parts.push(mark(p, x + 9, legendY - 5), text(x + 26, legendY, POSITION_WORDS[p], { class: 'm-legend' }));
    x += 44 + POSITION_WORDS[p].length * 8.5;
  }
  const height = legendY + 12;

  const alt = actors.map((a) => {
    const by = (p: Position) =>
      options.flatMap((o, i) => (positionOf(a.id, o) === p ? [`option ${firstOption + i}`] : []));
    const parts2 = (['backs', 'opposes', 'open'] as const)
      .filter((p) => by(p).length > 0)
      .map((p) => `${POSITION_WORDS[p]} ${by(p).join(', ')}`);
    return `${a.name}: ${parts2.length ? parts2.join('; ') : 'no known position on these options'}`;
  });
  const label = `Positions of ${actors.length} actors on ${columns} options: filled circle backs, cross opposes, open circle undecided, dash not known.`;
  const svg = el(
    'svg',
    { class: 'v-matrix', viewBox: `0 0 ${WIDTH} ${height}`, width: WIDTH, height, role: 'img', 'aria-label': label },
    el('title', {}, escapeXml(label)) + parts.join(''),
  );
  return { svg, alt, label };
}

import { describe, expect, it } from 'vitest';
import { drawMatrix, matrixChunks, positionOf, type MatrixInput } from '../../src/visuals/matrix.js';
import { heightOf, prose, textsOf, wordsIn, wordsOf } from './inspect.js';

const NAMES = [
  'International Maritime Transport Organisation Secretariat',
  'United States',
  'European Union Council of Ministers for Transport and Energy',
  'Coastal States Bloc (five member states of the Gulf region)',
  'Japan',
];

/** `actors` actors (names up to 60 characters) × `options` options with titles of `chars` characters. */
function matrix(actors: number, options: number, chars: number): MatrixInput {
  const ids = Array.from({ length: actors }, (_, i) => `a${i}`);
  return {
    actors: ids.map((id, i) => ({ id, name: i < NAMES.length ? NAMES[i]! : `${prose(i, 10 + ((i * 13) % 50))}` })),
    options: Array.from({ length: options }, (_, o) => ({
      title: prose(o + 20, chars),
      backers: ids.filter((_, i) => (i + o) % 5 === 0),
      opponents: ids.filter((_, i) => (i + o) % 5 === 1),
      undecided: ids.filter((_, i) => (i + o) % 5 === 2),
      conditional: ids.filter((_, i) => (i + o) % 5 === 3).map((actor) => ({ actor, condition: `if ${prose(o, 30)}` })),
    })),
  };
}

describe('matrix drawings', () => {
  const cases = [
    ['2 actors × 2 options', matrix(2, 2, 20)],
    ['8 actors × 4 options with 100-character titles', matrix(8, 4, 100)],
    ['15 actors × 6 options', matrix(15, 6, 60)],
    ['15 actors × 12 options', matrix(15, 12, 80)],
  ] as const;

  for (const [name, input] of cases) {
    describe(name, () => {
      const pieces = matrixChunks(input);
      const drawings = pieces.map((p) => ({ piece: p, visual: drawMatrix(p, p.firstOption) }));

      it('puts every actor × option cell in exactly one piece, options numbered as in the facts', () => {
        const cells = pieces.flatMap((p) => p.actors.flatMap((a) => p.options.map((o, i) => `${a.id}/${p.firstOption + i}/${o.title}`)));
        const expected = input.actors.flatMap((a) => input.options.map((o, i) => `${a.id}/${i + 1}/${o.title}`));
        expect([...cells].sort()).toEqual([...expected].sort());
        expect(new Set(cells).size).toBe(cells.length);
      });

      it('fits each piece in the room, with every text at 20px or more and nothing cut', () => {
        for (const { visual } of drawings) {
          expect(heightOf(visual.svg)).toBe(530);
          expect(visual.svg).not.toContain('…');
          for (const t of textsOf(visual.svg)) expect(t.size, t.content).toBeGreaterThanOrEqual(20);
        }
      });

      it('shows every actor name, option title and condition whole', () => {
        for (const { piece, visual } of drawings) {
          const words = wordsOf(visual.svg);
          const shown = [
            ...piece.actors.map((a) => a.name),
            ...piece.options.map((o) => o.title),
            ...piece.options.flatMap((o) => (o.conditional ?? []).filter((c) => piece.actors.some((a) => a.id === c.actor)).map((c) => c.condition)),
          ];
          for (const text of shown) for (const w of wordsIn(text)) expect(words, text).toContain(w);
        }
      });

      it('says every cell in the text alternative', () => {
        for (const { piece, visual } of drawings) {
          expect(visual.alt).toHaveLength(piece.actors.length);
          piece.actors.forEach((a, r) => {
            expect(visual.alt[r]!.startsWith(`${a.name}: `)).toBe(true);
            piece.options.forEach((o, i) => {
              const n = `option ${piece.firstOption + i}`;
              const position = positionOf(a.id, o);
              const line = visual.alt[r]!;
              if (position === 'conditional') expect(line).toContain(`backs ${n} ${o.conditional!.find((c) => c.actor === a.id)!.condition}`);
              else if (position !== 'unknown' || !line.endsWith(': no known position')) expect(line).toMatch(new RegExp(`${n}(?!\\d)`));
            });
          });
        }
      });

      it('draws the same bytes every time', () => {
        expect(matrixChunks(input).map((p) => drawMatrix(p, p.firstOption).svg)).toEqual(drawings.map((d) => d.visual.svg));
      });
    });
  }

  it('keeps a small matrix on one slide, its rows grown but capped, the grid centred', () => {
    const pieces = matrixChunks(matrix(2, 2, 20));
    expect(pieces).toHaveLength(1);
    const { svg } = drawMatrix(pieces[0]!);
    const stripes = [...svg.matchAll(/<rect class="m-stripe" x="0" y="([\d.]+)" width="1168" height="([\d.]+)"/g)];
    expect(Number(stripes[0]![2])).toBeLessThanOrEqual(76);
    expect(Number(stripes[0]![1])).toBeGreaterThan(60);
  });

  it('splits many options into column groups and many actors into row pages', () => {
    const pieces = matrixChunks(matrix(15, 12, 80));
    expect(new Set(pieces.map((p) => p.firstOption)).size).toBeGreaterThan(1);
    expect(pieces.every((p) => p.options.length <= 8)).toBe(true);
  });

  it('marks backing on a condition with its own shape and legend entry, only when someone does', () => {
    const input = matrix(5, 2, 20);
    const { svg, label } = drawMatrix(input);
    expect(svg).toContain('backs, with conditions');
    expect(svg).toMatch(/<path class="m-backs" d="M[\d.]+ [\d.]+A/);
    expect(label).toContain('half-filled circle backs with conditions');
    const plain = drawMatrix({ actors: input.actors, options: input.options.map((o) => ({ ...o, conditional: [] })) });
    expect(plain.svg).not.toContain('with conditions');
  });

  it('escapes text', () => {
    const { svg } = drawMatrix({ actors: [{ id: 'x', name: '<b>A & B</b>' }], options: [{ title: '"quoted" <i>', backers: ['x'] }] });
    expect(svg).not.toContain('<b>');
    expect(textsOf(svg).map((t) => t.content).join(' ')).toContain('<b>A & B</b>');
  });
});

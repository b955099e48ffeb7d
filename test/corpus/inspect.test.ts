import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { fieldProblem } from './build.js';
import { sampleDecks } from './generate.js';
import { checkDeck, type SeenDeck, type SeenSlide, type TextBox } from './inspect.js';

const facts = {
  meta: { title: 'T', as_of: '2031-03-04' },
  sources: [{ id: 'wire', title: 'Wire report on the talks' }],
  bottom_line: [{ text: 'The talks resume in spring.' }, { text: 'The bank holds back its loan … until May.' }],
  next_steps: [{ what: 'Ministers meet in Port Selen.' }],
};

const box = (text: string, more: Partial<TextBox> = {}): TextBox => ({ text, px: 26, out: 0, content: true, svg: false, cssEllipsis: false, ...more });
const slide = (id: string, visible: string, more: Partial<SeenSlide> = {}): SeenSlide => ({
  id,
  index: 0,
  scrollsBy: { y: 0, x: 0 },
  boxes: [box(visible)],
  visible,
  alternative: '',
  trailingHeadings: [],
  ...more,
});
const clean: SeenDeck = {
  width: 1280,
  slides: [
    slide('bottom-line', 'The talks resume in spring.1 The bank holds back its loan … until May.'),
    slide('next', 'Ministers meet in\nPort Selen.'),
    slide('sources', 'Wire report on the talks'),
  ],
};

describe('the corpus checks', () => {
  it('pass a deck that shows every fact whole, a "…" of the facts included', () => {
    expect(checkDeck(clean, facts)).toEqual([]);
  });

  it('name the slide, the check and the text of each failure', () => {
    const bad: SeenDeck = {
      width: 1280,
      slides: [
        slide('bottom-line', 'The talks resume in spring. The bank holds back its loan … until May.', {
          boxes: [box('The talks resume', { out: 40 }), box('Tiny label', { px: 15, svg: true }), box('The bank holds back its lo…')],
          scrollsBy: { y: 108, x: 0 },
          trailingHeadings: ['Actions'],
        }),
        slide('sources', 'Wire report on the talks'),
      ],
    };
    expect(checkDeck(bad, facts)).toEqual([
      { slide: '#bottom-line (slide 1)', check: 'inside-slide', text: '40px past the edge: "The talks resume"' },
      { slide: '#bottom-line (slide 1)', check: 'text-size', text: '15px (drawing): "Tiny label"' },
      { slide: '#bottom-line (slide 1)', check: 'ellipsis', text: '"…" not in the facts: "The bank holds back its lo…"' },
      { slide: '#bottom-line (slide 1)', check: 'scrolls', text: 'body content passes its box by 108px down, 0px across' },
      { slide: '#bottom-line (slide 1)', check: 'trailing-subheading', text: '"Actions" ends the slide' },
      { slide: '(none)', check: 'lost', text: 'next_steps[0].what is on no slide: "Ministers meet in Port Selen."' },
    ]);
  });

  it('count a drawing\'s text alternative as showing a fact, and header text as exempt from the size floor', () => {
    const deck: SeenDeck = {
      ...clean,
      slides: [
        ...clean.slides.slice(0, 1).map((s) => ({ ...s, boxes: [...s.boxes, box('UNCLASSIFIED', { px: 15, content: false })] })),
        slide('timeline-chart', '', { alternative: 'Ministers meet in Port Selen.' }),
        clean.slides[2]!,
      ],
    };
    expect(checkDeck(deck, facts)).toEqual([]);
  });
});

describe('the field named by a refusal', () => {
  const yaml = stringify({ actors: [{ id: 'a', quotes: [{ text: 'Long words', source: 'wire' }] }] });
  const line = yaml.split('\n').findIndex((l) => l.includes('Long words')) + 1;

  it('must exist in the file, at the reported line', () => {
    expect(fieldProblem(yaml, 'actors[0].quotes[0].text', line)).toBeUndefined();
    expect(fieldProblem(yaml, 'actors[0].quotes[1].text', line)).toMatch(/not a field of the file/);
    expect(fieldProblem(yaml, 'actors[0].quotes[0].text', 1)).toMatch(/line 1 is not where/);
  });
});

describe('the generator', () => {
  it('gives the same decks for the same seed, and decks of every size the issue names', () => {
    const a = sampleDecks(7, 40);
    expect(sampleDecks(7, 40)).toEqual(a);
    const actors = a.map((d) => d.facts.actors?.length ?? 0);
    expect(Math.min(...actors)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...actors)).toBeLessThanOrEqual(15);
    expect(Math.max(...actors)).toBeGreaterThanOrEqual(12);
    const events = a.map((d) => (d.facts.timeline as unknown[] | undefined)?.length ?? 0);
    expect(Math.max(...events)).toBeLessThanOrEqual(40);
    expect(Math.max(...events)).toBeGreaterThanOrEqual(25);
    for (const d of a) {
      const ids = d.facts.actors!.map((x) => x.id);
      const steps = (d.facts.next_steps as { who: string[] }[] | undefined) ?? [];
      if (steps.length) expect(steps.some((s) => ids.every((id) => s.who.includes(id)))).toBe(true);
      for (const q of d.facts.actors!.flatMap((x) => x.quotes ?? [])) {
        expect(q.text.length).toBeLessThanOrEqual(600);
        // A verified quote stands in the source copy, each part of a joined one.
        if (d.copy !== undefined && q.source === 'wire') for (const part of q.text.split(' … ')) expect(d.copy).toContain(part);
      }
    }
  });
});

describe('a "…" on a slide', () => {
  const deck = (text: string): SeenDeck => ({ ...clean, slides: [...clean.slides, slide('extra', text)] });
  it('is the facts\' own when the words on either side of it are', () => {
    expect(checkDeck(deck('“The bank holds back its loan … until May.”'), facts)).toEqual([]);
    expect(checkDeck(deck('“… until May.”'), facts)).toEqual([]);
  });
  it('is a cut when the words before it are not in the facts and nothing follows', () => {
    expect(checkDeck(deck('The bank holds back its lo…'), facts).map((f) => f.check)).toEqual(['ellipsis']);
  });
});

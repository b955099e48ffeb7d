import { describe, expect, it } from 'vitest';
import { MIN_ZOOM, nextFit, noHints } from '../../src/fit/fit.js';
import type { Deck, Slide } from '../../src/model/deck.js';

const slide = (id: string, extra: Partial<Slide>): Slide => ({ id, section: 'background', title: id, markdown: `## ${id}`, ...extra });
const deck = (...slides: Slide[]): Deck => ({ title: 't', asOf: 'x', preparedBy: 'p', marking: 'm', language: 'en', slides });

describe('one round of fitting', () => {
  it('splits a section more finely when an overflowing slide holds several items', () => {
    const d = deck(slide('background', { fitKey: 'background', items: 5 }), slide('background-2', { fitKey: 'background', items: 4 }));
    const step = nextFit(d, [{ id: 'background', by: 53, height: 530 }, { id: 'background-2', by: 10, height: 530 }], noHints());
    // 10% short → the section gets at most 1/1.1 of its estimated room; once per section.
    expect(step.hints.room.background).toBeCloseTo(1 / 1.1, 3);
    expect(step.actions).toEqual(['background: split at item boundaries to fit']);
    expect(step.unfittable).toEqual([]);
  });

  it('moves the room by at least a step, so estimates that were close still change the split', () => {
    const step = nextFit(deck(slide('a', { fitKey: 'a', items: 3 })), [{ id: 'a', by: 2, height: 530 }], { room: { a: 0.9 }, zoom: {} });
    expect(step.hints.room.a).toBeCloseTo(0.9 / 1.08, 5);
  });

  it('sets the text of a single-item slide smaller, by the step that should be enough', () => {
    const d = deck(slide('option-1', { items: 1 }));
    expect(nextFit(d, [{ id: 'option-1', by: 20, height: 530 }], noHints()).hints.zoom['option-1']).toBe(0.95);
    expect(nextFit(d, [{ id: 'option-1', by: 60, height: 530 }], noHints()).hints.zoom['option-1']).toBe(0.85);
    // Far too long for any step: straight to the floor, and measured again.
    expect(nextFit(d, [{ id: 'option-1', by: 400, height: 530 }], noHints()).hints.zoom['option-1']).toBe(MIN_ZOOM);
  });

  it('gives up at the floor and says how much room is missing', () => {
    const d = deck(slide('actor-x', { fitKey: 'actor-x', items: 1, fields: ['actors[0].quotes[0].text'] }));
    const step = nextFit(d, [{ id: 'actor-x', by: 265, height: 530 }], { room: {}, zoom: { 'actor-x': MIN_ZOOM } });
    expect(step.unfittable).toHaveLength(1);
    expect(step.unfittable[0]!.short).toBeCloseTo(0.5, 5);
    expect(step.actions).toEqual([]);
  });
});

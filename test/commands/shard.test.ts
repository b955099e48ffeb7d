import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseShard, shardOf } from '../../src/commands/shard.js';
import { UsageError } from '../../src/errors.js';

const deckName = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
const deckList = fc.uniqueArray(deckName, { maxLength: 60 }).map((names) => names.map((n) => `slides/${n}`));

describe('build --shard i/n', () => {
  it('parses i/n and refuses anything else with the fix', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', '2', 'a/b', '-1/3', '1.5/3']) {
      expect(() => parseShard(bad), bad).toThrow(UsageError);
      expect(() => parseShard(bad)).toThrow(/--shard takes i\/n with 1 ≤ i ≤ n, e\.g\. --shard 2\/4/);
    }
  });

  it('gives n jobs disjoint shares that together hold every deck, whatever the order', () => {
    fc.assert(
      fc.property(deckList, fc.integer({ min: 1, max: 12 }), (decks, count) => {
        const shares = Array.from({ length: count }, (_, i) => shardOf(decks, { index: i + 1, count }));
        const all = shares.flat();
        expect(all.length).toBe(decks.length);
        expect(new Set(all)).toEqual(new Set(decks));
        // The same deck goes to the same share when the list comes in another order.
        const reversed = [...decks].reverse();
        shares.forEach((share, i) => expect(new Set(shardOf(reversed, { index: i + 1, count }))).toEqual(new Set(share)));
      }),
    );
  });

  it('keeps every deck in its share when another deck is added or removed', () => {
    fc.assert(
      fc.property(deckList, deckName, fc.integer({ min: 1, max: 12 }), (decks, added, count) => {
        const before = Array.from({ length: count }, (_, i) => shardOf(decks, { index: i + 1, count }));
        const more = [...decks.filter((d) => d !== `slides/${added}`), `slides/${added}`];
        const after = Array.from({ length: count }, (_, i) => shardOf(more, { index: i + 1, count }));
        before.forEach((share, i) => expect(after[i]!.filter((d) => d !== `slides/${added}`)).toEqual(share.filter((d) => d !== `slides/${added}`)));
      }),
    );
  });

  it('spreads many decks roughly evenly', () => {
    const decks = Array.from({ length: 400 }, (_, i) => `slides/briefing-${i}`);
    const sizes = [1, 2, 3, 4].map((index) => shardOf(decks, { index, count: 4 }).length);
    for (const size of sizes) expect(size).toBeGreaterThan(70);
  });

  it('puts decks of the same folder name (one build folder) in the same share', () => {
    const decks = ['a/brief', 'b/brief', 'c/other'];
    for (let index = 1; index <= 3; index++) {
      const share = shardOf(decks, { index, count: 3 });
      expect(share.includes('a/brief')).toBe(share.includes('b/brief'));
    }
  });
});

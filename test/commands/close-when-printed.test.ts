import { describe, expect, it } from 'vitest';
import type { BrowserPool } from '../../src/browser/pool.js';
import { closeWhenPrinted } from '../../src/commands/build-all.js';

/** A pool that only counts how often it is closed: what closeWhenPrinted decides is when. */
function countingPool(): { pool: BrowserPool; closes: () => number } {
  let closes = 0;
  const pool = { close: async () => void closes++ } as unknown as BrowserPool;
  return { pool, closes: () => closes };
}

describe('closeWhenPrinted', () => {
  it('closes the browser once, when the last deck is printed, failed or up to date', () => {
    const { pool, closes } = countingPool();
    const release = closeWhenPrinted(pool, ['slides/a', 'other/b', 'slides/c']);
    release.onEvent!({ deck: 'c', status: 'up-to-date' });
    release.onDeckPrinted!('a');
    // The PDF of a is finished after it was printed: that changes nothing.
    release.onEvent!({ deck: 'a', status: 'exporting' });
    expect(closes()).toBe(0);
    release.onDeckPrinted!('b');
    expect(closes()).toBe(1);
    release.onEvent!({ deck: 'b', status: 'failed' } as never);
    release.onDeckPrinted!('a');
    expect(closes()).toBe(1);
  });

  it('waits for a deck that fails before printing', () => {
    const { pool, closes } = countingPool();
    const release = closeWhenPrinted(pool, ['slides/a', 'slides/b']);
    release.onDeckPrinted!('a');
    expect(closes()).toBe(0);
    release.onEvent!({ deck: 'b', status: 'failed' } as never);
    expect(closes()).toBe(1);
  });
});

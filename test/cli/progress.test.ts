import { describe, expect, it } from 'vitest';
import { Progress, type ProgressStream } from '../../src/cli/progress.js';
import type { BuildResult } from '../../src/commands/build.js';
import { BriefdeckError, ExitCode } from '../../src/errors.js';

function stream(isTTY: boolean): ProgressStream & { text: () => string } {
  let out = '';
  return { isTTY, columns: 120, write: (s: string) => (out += s), text: () => out };
}

const result = (slides: number, pdf: boolean) =>
  ({ deck: { slides: new Array(slides) }, files: { pdf: pdf ? 'x.pdf' : undefined }, ms: 1234 }) as unknown as BuildResult;

function run(out: ProgressStream) {
  let t = 0;
  const p = new Progress(out, ['alpha', 'beta', 'gamma'], () => (t += 100));
  p.update({ deck: 'alpha', status: 'building' });
  p.update({ deck: 'beta', status: 'building' });
  p.update({ deck: 'alpha', status: 'exporting' });
  p.update({ deck: 'alpha', status: 'done', result: result(21, true) });
  p.update({ deck: 'beta', status: 'failed', error: new BriefdeckError('facts.yaml: 2 errors; nothing was written', ExitCode.invalidFacts) });
  p.update({ deck: 'gamma', status: 'building' });
  p.update({ deck: 'gamma', status: 'done', result: result(9, false) });
  p.finish('build');
}

describe('build progress', () => {
  it('on a terminal, redraws one live line per deck in place and ends with a total', () => {
    const out = stream(true);
    run(out);
    const text = out.text();
    // Drawn once at the start (all queued), then redrawn after each of the 7 events.
    expect(text.split('\x1b[3A').length - 1).toBe(8);
    expect(text).toContain('· alpha: queued');
    expect(text).toContain('… alpha: exporting');
    const last = text.slice(text.lastIndexOf('\x1b[3A'));
    expect(last).toContain('✓ alpha: 21 slides, slides.md, index.html, PDF in 1.23 s');
    expect(last).toContain('✗ beta: facts.yaml: 2 errors; nothing was written');
    expect(last).toContain('✓ gamma: 9 slides, slides.md, index.html in 1.23 s');
    expect(text.trimEnd().split('\n').at(-1)).toMatch(/^2 of 3 decks built in .* → build\/; failed: beta$/);
  });

  it('when piped, writes plain lines for finished decks only, without escape codes', () => {
    const out = stream(false);
    run(out);
    expect(out.text()).not.toContain('\x1b');
    expect(out.text().trimEnd().split('\n')).toEqual([
      '✓ alpha: 21 slides, slides.md, index.html, PDF in 1.23 s',
      '✗ beta: facts.yaml: 2 errors; nothing was written',
      '✓ gamma: 9 slides, slides.md, index.html in 1.23 s',
      expect.stringMatching(/^2 of 3 decks built in .* → build\/; failed: beta$/),
    ]);
  });

  it('clips live lines to the terminal width', () => {
    const out = { ...stream(true), columns: 30 };
    const p = new Progress(out, ['a-deck-with-a-very-long-name-indeed']);
    p.update({ deck: 'a-deck-with-a-very-long-name-indeed', status: 'building' });
    for (const line of out.text().split('\n').filter(Boolean)) {
      // eslint-disable-next-line no-control-regex
      expect(line.replace(/\x1b\[\d*[AK]/g, '').length).toBeLessThanOrEqual(29);
    }
  });
});

describe('build progress with two decks of the same name', () => {
  it('keeps a row per deck folder: a failure is not overwritten by its namesake', () => {
    const out = stream(false);
    const p = new Progress(out, ['brief', 'other', 'brief'], () => 0);
    p.update({ deck: 'brief', status: 'building' });
    p.update({ deck: 'brief', status: 'failed', error: new BriefdeckError('facts.yaml: 1 error; nothing was written', ExitCode.invalidFacts) });
    p.update({ deck: 'other', status: 'building' });
    p.update({ deck: 'brief', status: 'building' });
    p.update({ deck: 'other', status: 'done', result: result(3, false) });
    p.update({ deck: 'brief', status: 'done', result: result(4, false) });
    p.finish('build');
    expect(out.text().trimEnd().split('\n').at(-1)).toMatch(/^2 of 3 decks built in .*; failed: brief$/);
  });
});

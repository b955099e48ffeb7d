import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { ExitCode } from '../../src/errors.js';
import { captureIo, removeTemp, tempDir, writeDeck } from '../helpers.js';

let tmp: string;
beforeEach(async () => {
  tmp = await tempDir('minimal');
});
afterEach(() => removeTemp(tmp));

/** Only what an article always gives: a title, a date, one source, two facts. */
const MINIMAL = `meta:
  title: Port strike enters its second week
  as_of: 2031-05-02
sources:
  - id: wire
    title: Dockers extend strike
background:
  points:
    - text: Dock workers walked out on 24 April.
      sources: [wire]
    - text: The port handles a third of the country's grain exports.
      sources: [wire]
`;

it('builds a deck with a title, background and sources from a minimal facts file', async () => {
  const deck = await writeDeck(path.join(tmp, 'strike'), MINIMAL, {});
  const out = path.join(tmp, 'out');
  const { io, err } = captureIo();
  const code = await runCli(['build', '--no-pdf', '-o', out, deck], io);
  expect(code, err.join('\n')).toBe(ExitCode.ok);
  expect(err.join('\n')).toMatch(/warning: meta: the facts have no bottom_line/);
  const md = await readFile(path.join(out, 'strike', 'slides.md'), 'utf8');
  const headings = md.split('\n').filter((l) => /^#{1,2} /.test(l));
  expect(headings).toEqual(['# Port strike enters its second week', '## Background', '## Sources']);
  expect(md).toContain('As of 2 May 2031');
  expect(md).not.toMatch(/Prepared by|undefined|\*\*\*\*/);
  expect(md).toContain('“Dockers extend strike”');
});

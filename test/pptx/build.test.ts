import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { renderDeck } from '../../src/commands/build.js';
import { ExitCode } from '../../src/errors.js';
import { loadFacts } from '../../src/facts/load.js';
import { captureIo, removeTemp, SLIDES, tempDir } from '../helpers.js';
import { paragraphTexts, readPptx } from './read.js';

const INF = path.join(SLIDES, 'inf-treaty');
let tmp: string;

beforeEach(async () => {
  tmp = await tempDir('pptx-cli');
});
afterEach(() => removeTemp(tmp));

async function cli(...argv: string[]) {
  const c = captureIo();
  const code = await runCli(argv, c.io);
  return { code, ...c };
}

describe('briefdeck build --pptx', () => {
  it('without a browser writes <deck>.pptx from the same slides as index.html', async () => {
    const out = path.join(tmp, 'build');
    const r = await cli('build', '--no-pdf', '--pptx', '--out', out, INF);
    expect(r.code).toBe(ExitCode.ok);
    const expected = renderDeck(await loadFacts(INF), 'inf-treaty').deck;
    const p = await readPptx(new Uint8Array(await readFile(path.join(out, 'inf-treaty', 'inf-treaty.pptx'))));
    expect(p.slides.map((s) => paragraphTexts(s.xml).join(' '))).toEqual(expected.slides.map((s) => expect.stringContaining(s.title)));
    expect(r.progress.join('')).toMatch(/PPTX/);
  });
});

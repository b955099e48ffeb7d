import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { ExitCode } from '../../src/errors.js';
import { captureIo, factsYaml, positionOf, removeTemp, replace, tempDir, writeDeck } from '../helpers.js';

let tmp: string;
beforeEach(async () => {
  tmp = await tempDir('tofu');
});
afterEach(() => removeTemp(tmp));

it('build warns of a character no font can draw, naming the field, and still builds', async () => {
  const yaml = factsYaml(replace('First judgement.', 'First judgement \u{1F600}, in Arabic «سلام».'));
  const deck = await writeDeck(path.join(tmp, 'emoji'), yaml);
  const { io, err } = captureIo();
  const code = await runCli(['build', deck, '--no-pdf', '--out', path.join(tmp, 'out')], io);
  expect(code).toBe(ExitCode.ok);
  const { line, column } = positionOf(yaml, 'First judgement');
  const warnings = err.filter((l) => l.includes('no font of the deck can draw'));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain(`facts.yaml:${line}:${column}: warning: bottom_line[0].text: "\u{1F600}" (U+1F600): no font of the deck can draw this character`);
});

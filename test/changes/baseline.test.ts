import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadBaseline } from '../../src/changes/baseline.js';
import { UsageError } from '../../src/errors.js';
import { MINIMAL_FACTS, removeTemp, tempDir, writeDeck } from '../helpers.js';

let work: string;
let deck: string;
beforeEach(async () => {
  work = await tempDir('baseline');
  deck = await writeDeck(path.join(work, 'project', 'slides', 'x'), MINIMAL_FACTS);
  await mkdir(path.join(work, 'outside'));
  await writeFile(path.join(work, 'outside', 'facts.yaml'), MINIMAL_FACTS.replace('Test briefing', 'Outside facts'));
});
afterEach(() => removeTemp(work));

const confined = (spec: string) => ({ spec, base: deck, confine: path.dirname(deck) });

describe('changes_since in a facts file', () => {
  it('reads earlier facts inside slides/', async () => {
    await writeFile(path.join(deck, 'old.yaml'), MINIMAL_FACTS.replace('Test briefing', 'Earlier facts'));
    expect((await loadBaseline(confined('old.yaml'), deck)).facts.meta.title).toBe('Earlier facts');
  });

  it('refuses a path outside slides/', async () => {
    await expect(loadBaseline(confined('../../../outside/facts.yaml'), deck)).rejects.toThrow(/changes_since: .* is outside/);
  });

  it('refuses a symlink inside the deck that points outside slides/, without reading it', async () => {
    await symlink(path.join(work, 'outside', 'facts.yaml'), path.join(deck, 'old.yaml'));
    const error = await loadBaseline(confined('old.yaml'), deck).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^changes_since: "old\.yaml" links outside .*: copy the file into .* instead$/);
  });
});

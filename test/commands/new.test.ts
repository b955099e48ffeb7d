import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeck, schemaReference } from '../../src/commands/new.js';
import { schemaText } from '../../src/commands/schema.js';
import { removeTemp, ROOT, tempDir } from '../helpers.js';

let tmp: string;
beforeEach(async () => {
  tmp = await tempDir('new');
});
afterEach(() => removeTemp(tmp));

describe('new: the $schema line works wherever the deck is', () => {
  it('points a deck inside the project at the package copy, by a path relative to the deck', () => {
    expect(schemaReference(path.join(ROOT, 'slides', 'x'), ROOT)).toEqual({
      line: '# yaml-language-server: $schema=../../schema/facts.schema.json',
      copy: false,
    });
    // A project with briefdeck installed in its node_modules.
    expect(schemaReference('/proj/slides/x', '/proj/node_modules/briefdeck')).toEqual({
      line: '# yaml-language-server: $schema=../../node_modules/briefdeck/schema/facts.schema.json',
      copy: false,
    });
  });

  it('copies the schema beside the facts anywhere else (a global install, another folder)', () => {
    expect(schemaReference('/home/me/decks/x', '/usr/lib/node_modules/briefdeck')).toEqual({ line: '# yaml-language-server: $schema=facts.schema.json', copy: true });
    expect(schemaReference('/tmp/x', ROOT).copy).toBe(true);
    expect(schemaReference(`${ROOT}-other/x`, ROOT).copy).toBe(true);
  });

  it('writes the schema beside a deck made outside the project, and the line names it', async () => {
    const written = await createDeck(path.join(tmp, 'topic'));
    expect(written.map((f) => path.basename(f))).toEqual(['facts.yaml', 'example-report.txt', 'facts.schema.json']);
    const facts = await readFile(written[0]!, 'utf8');
    expect(facts.split('\n')[0]).toBe('# yaml-language-server: $schema=facts.schema.json');
    expect(await readFile(written[2]!, 'utf8')).toBe(schemaText());
    // The copy is the published schema.
    expect(schemaText()).toBe(await readFile(path.join(ROOT, 'schema', 'facts.schema.json'), 'utf8'));
  });
});

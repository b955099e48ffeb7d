/**
 * The attribution check of checkFacts, against a real article (a copy in test/fixtures): the
 * shipped Soren basin deck's two misattributions are errors worded as the issue asks.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../src/errors.js';
import { checkFacts } from '../../src/facts/check.js';
import { FILE, FIXTURES, parse } from '../helpers.js';

const ARTICLE = readFileSync(path.join(FIXTURES, 'articles', 'soren-basin-2031-03-04.txt'), 'utf8');

/** Facts with one actor quoting the article; `quote` is the YAML of its one quote. */
const facts = (actor: string, quote: string) => `meta:
  title: Soren
  as_of: 2031-03-04
sources:
  - id: wire
    title: Soren Basin States Trade Warnings
    date: 2031-03-04
    copy: sources/wire.txt
actors:
${actor}    quotes:
${quote}`;

const ESTMARK = `  - id: estmark
    name: Estmark
    speakers: [{ name: Aniela Voss, role: Foreign Minister }]
`;
const BANK = `  - id: ndb
    name: Northern Development Bank
    speakers: [{ name: Jérôme Castaño, role: Spokesman }]
`;

function problems(yaml: string, strict = false): Problem[] {
  const parsed = parse(yaml);
  expect(parsed.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return checkFacts({ facts: parsed.facts!, file: FILE, locate: parsed.locate, copies: new Map([['wire', { text: ARTICLE }]]), strict }).filter(
    (p) => !/bottom_line/.test(p.message),
  );
}

describe('who the source says said it', () => {
  it('refuses Estmark\'s warning credited to its foreign minister, naming whom the source credits', () => {
    const found = problems(facts(ESTMARK, '      - { text: treat any cut to the river as a threat to the lives of our people, speaker: Aniela Voss, source: wire }\n'));
    expect(found).toEqual([
      expect.objectContaining({
        severity: 'error',
        field: 'actors[0].quotes[0]',
        message: expect.stringMatching(/^the source attributes this to "Estmark" \(statement\), not "Aniela Voss": credit the quote as the source does/),
      }),
    ]);
  });

  it('refuses the bank\'s written statement credited to its spokesman, and accepts it as the bank\'s', () => {
    const wrong = problems(facts(BANK, '      - { text: require compliance with existing water-sharing treaties, speaker: Jérôme Castaño, source: wire }\n'));
    expect(wrong.map((p) => p.message)).toEqual([expect.stringContaining('the source attributes this to "Northern Development Bank" (statement), not "Jérôme Castaño"')]);
    expect(problems(facts(BANK, '      - { text: require compliance with existing water-sharing treaties, by: statement, source: wire }\n'))).toEqual([]);
  });

  it('accepts a quote credited to the person the source names, and one whose pronoun points back to them', () => {
    expect(problems(facts(ESTMARK, '      - { text: We will not accept a single cubic metre less than the Accord guarantees, speaker: Aniela Voss, source: wire }\n'))).toEqual([]);
    const lirune = `  - id: lirune
    name: Lirune
    speakers: [{ name: Şebnem Yıldız-Okonjo, role: President }]
`;
    expect(problems(facts(lirune, '      - { text: No one in this basin wins a war over water, speaker: Şebnem Yıldız-Okonjo, source: wire }\n'))).toEqual([]);
  });

  it('refuses a named person for words the source gives to no one by name', () => {
    const found = problems(facts(ESTMARK, '      - { text: treat any cut to the river as a threat to the lives of our people, anonymous: an Estmark official, source: wire }\n'));
    expect(found.map((p) => p.severity)).toEqual(['error']);
  });
});

describe('quotes the source attributes to no one it can resolve', () => {
  const banner = 'Banners over the square read \u201CNo retreat, not one step\u201D on Monday.\n';
  const yaml = facts(ESTMARK, '      - { text: "No retreat, not one step", speaker: Aniela Voss, source: wire }\n');
  const run = (strict: boolean) => {
    const parsed = parse(yaml);
    return checkFacts({ facts: parsed.facts!, file: FILE, locate: parsed.locate, copies: new Map([['wire', { text: banner }]]), strict }).filter(
      (p) => p.field.startsWith('actors'),
    );
  };

  it('warn, and fail with --strict', () => {
    expect(run(false)).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/^not attributed: /) })]);
    expect(run(true)).toEqual([expect.objectContaining({ severity: 'error', message: expect.stringMatching(/\(an error with --strict\)$/) })]);
  });
});

describe('a quote given with its context', () => {
  const article = 'GENEVA, March 2 -- Talks resumed on Monday after a week-long pause.\n\n' +
    'Foreign Minister Anna Berg called the proposal "premature" in a speech to parliament, and her deputy agreed.\n';
  const yaml = (speaker: string) => `meta:
  title: Talks
  as_of: 2031-03-04
sources:
  - { id: wire, title: Talks resume, date: 2031-03-02, copy: sources/wire.txt }
actors:
  - id: north
    name: Northland
    speakers: [{ name: Anna Berg, role: Foreign Minister }, { name: Olaf Dahl, role: Deputy Foreign Minister }]
    quotes:
      - { text: premature, context: 'called the proposal "premature" in a speech to parliament', speaker: ${speaker}, source: wire }
`;
  const check = (speaker: string) => {
    const parsed = parse(yaml(speaker));
    return checkFacts({ facts: parsed.facts!, file: FILE, locate: parsed.locate, copies: new Map([['wire', { text: article }]]), strict: true })
      .filter((p) => !/bottom_line/.test(p.message))
      .map((p) => p.message);
  };

  it('is credited where its own words stand in the source, not where the context starts', () => {
    expect(check('Anna Berg')).toEqual([]);
    expect(check('Olaf Dahl')).toEqual([expect.stringContaining('the source attributes this to "Anna Berg"')]);
  });
});

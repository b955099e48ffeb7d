import { describe, expect, it } from 'vitest';
import { formatSpan, parseSpan } from '../../src/facts/dates.js';
import { eventSpan } from '../../src/facts/present.js';
import { plainText, type Deck } from '../../src/model/deck.js';
import type { Problem } from '../../src/errors.js';
import { checkFacts } from '../../src/facts/check.js';
import { append, composeSlides, errorsOf, factsYaml, FILE, parse, problemAt, problemsOf, removeLine, replace, SOURCE_A_TEXT, validFacts } from '../helpers.js';

/** An actor whose quotes are given as raw YAML lines (indented for the quote map). */
const actorWith = (quotes: string, extra = '') =>
  append(`actors:
  - id: gov
    name: The Government
    speakers:
      - { name: Jo Brandt, role: Minister }
${extra}    quotes:
${quotes}`);

/** An actor whose one quote is Jo Brandt's, dated. */
const JO_QUOTES = actorWith(`      - text: as long as it takes
        speaker: Jo Brandt
        date: 2020-01-10
        source: src-a
`);

/** The credit lines under the quotes of a deck, as shown. */
const credits = (deck: Deck) =>
  deck.slides.flatMap((s) => s.blocks.flatMap((b) => (b.kind === 'quote' ? [plainText(b.attribution)] : [])));
const slideText = (deck: Deck, id: string) => JSON.stringify(deck.slides.find((s) => s.id === id)?.blocks);

const strictProblems = (yaml: string, copies: Record<string, { text: string }> = { 'src-a': { text: SOURCE_A_TEXT } }): Problem[] => {
  const parsed = parse(yaml);
  return checkFacts({ facts: parsed.facts!, file: FILE, locate: parsed.locate, copies: new Map(Object.entries(copies)), strict: true });
};

describe('optional where articles are silent', () => {
  it('builds facts with a title, an as-of date, one source and two background points only', () => {
    const yaml = `meta:
  title: Minimal
  as_of: 2020-01-15
sources:
  - id: src-a
    title: Example headline
background:
  points:
    - { text: One fact., sources: [src-a] }
    - { text: Another fact., sources: [src-a] }
`;
    const problems = problemsOf(yaml, {});
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('no bottom_line')]);
  });

  it('lets an actor have no stance, shown as no stated position', () => {
    const yaml = factsYaml(removeLine('marking:'), removeLine('prepared_by:'), removeLine('publisher:'), append(`actors:
  - id: gov
    name: The Government
`));
    const deck = composeSlides(validFacts(yaml));
    expect(slideText(deck, 'positions')).toContain('No stated position');
    expect(slideText(deck, 'actor-gov')).toContain('No stated position');
    const title = slideText(deck, 'title');
    expect(title).not.toContain('Prepared by');
    expect(deck.slides.find((s) => s.id === 'title')!.blocks.some((b) => b.kind === 'paragraph' && b.role === 'marking')).toBe(false);
    expect(deck.marking).toBe('');
    expect(slideText(deck, 'sources')).toContain('“Example headline”');
  });
});

describe('who said it: a person, the actor itself, or someone the source does not name', () => {
  it('credits a quote without a speaker to the actor, as a statement, dated by its source when it has no date', () => {
    const yaml = factsYaml(
      replace('    title: Example headline\n', '    title: Example headline\n    date: 2020-01-12\n'),
      actorWith(`      - text: as long as it takes
        source: src-a
      - text: talks would go on
        by: joint statement
        date: 2020-01-11
        source: src-a
`),
    );
    expect(credits(composeSlides(validFacts(yaml)))).toEqual([
      '— The Government, statement, 12 Jan 2020 (date of the source)',
      '— The Government, joint statement, 11 Jan 2020',
    ]);
  });

  it('shows an anonymous source as the source describes them, under an actor or alone', () => {
    const yaml = factsYaml(
      actorWith(`      - text: as long as it takes
        anonymous: a senior official who asked not to be named
        date: 2020-01-10
        source: src-a
`),
      append(`quotes:
  - text: talks would go on
    anonymous: two diplomats familiar with the talks
    date: 2020-01-10
    source: src-a
`),
    );
    const deck = composeSlides(validFacts(yaml));
    expect(credits(deck)).toEqual(['— a senior official who asked not to be named, 10 Jan 2020', '— two diplomats familiar with the talks, 10 Jan 2020']);
    expect(deck.slides.find((s) => s.id === 'unnamed-sources')).toMatchObject({ section: 'positions', title: 'Unnamed sources' });
  });

  it('refuses a quote that names two kinds of speaker, and a named quote outside any actor', () => {
    const both = factsYaml(actorWith(`      - text: as long as it takes
        speaker: Jo Brandt
        anonymous: an aide
        date: 2020-01-10
        source: src-a
`));
    expect(problemAt(errorsOf(both), 'actors[0].quotes[0].anonymous').message).toMatch(/give only one of speaker, by and anonymous/);
    const loose = factsYaml(append(`quotes:
  - text: as long as it takes
    speaker: Jo Brandt
    source: src-a
`));
    expect(problemAt(errorsOf(loose), 'quotes[0].speaker').message).toMatch(/add anonymous:.*or move the quote under the actor/);
  });

  it('warns when neither the quote nor its source has a date', () => {
    const yaml = factsYaml(actorWith(`      - text: as long as it takes
        speaker: Jo Brandt
        source: src-a
`));
    expect(problemAt(problemsOf(yaml), 'actors[0].quotes[0].source')).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('has no date and neither has source "src-a"'),
    });
  });
});

describe('one-word quotes', () => {
  const quoting = (lines: string) =>
    factsYaml(actorWith(`      - text: retreat
        speaker: Jo Brandt
        date: 2020-01-10
        source: src-a
${lines}`));

  it('refuses a one-word quote without partial: true or context:', () => {
    expect(problemAt(errorsOf(quoting('')), 'actors[0].quotes[0].text').message).toMatch(/is one word.*context:.*partial: true/);
  });

  it('accepts it as partial, or with the source\'s words around it', () => {
    expect(errorsOf(quoting('        partial: true\n'))).toEqual([]);
    expect(errorsOf(quoting('        context: We will not retreat, not one step\n'))).toEqual([]);
  });

  it('checks the context against the source, and that it holds the quote', () => {
    expect(problemAt(errorsOf(quoting('        context: We shall not retreat, not one step\n')), 'actors[0].quotes[0].context').message).toMatch(
      /quote not found/,
    );
    expect(problemAt(errorsOf(quoting('        context: Later he added that talks\n')), 'actors[0].quotes[0].context').message).toMatch(
      /must contain the quote's words/,
    );
  });
});

describe('elisions in facts', () => {
  it('refuses a part shorter than three words, and an elision that drops a negation, at the quote', () => {
    const short = factsYaml(actorWith(`      - text: We will … retreat, not one step
        speaker: Jo Brandt
        date: 2020-01-10
        source: src-a
`));
    expect(problemAt(errorsOf(short), 'actors[0].quotes[0].text').message).toMatch(/"We will" is too short a part for an elision/);
    const reversed = factsYaml(actorWith(`      - text: Minister Jo Brandt said … retreat, not one step
        speaker: Jo Brandt
        date: 2020-01-10
        source: src-a
`));
    expect(problemAt(errorsOf(reversed), 'actors[0].quotes[0].text').message).toBe(
      'the elision (…) before "retreat, not one step" leaves out "not": an elision may not leave out a negation, which would reverse the meaning. ' +
        'The source\'s passage is "Minister Jo Brandt said: "We will not retreat, not one step"',
    );
  });
});

/** Two actors and an option backed by one, and on the conditions given by the other. */
const option = (conditional: string) =>
    factsYaml(append(`actors:
  - { id: eu, name: EU }
  - { id: us, name: US }
options:
  - title: Sanctions
    summary: Sanction the pipeline.
    backers: [us]
    conditional:
${conditional}    sources: [src-a]
`));

describe('positions with conditions', () => {
  it('accepts an actor backing an option on a condition', () => {
    const facts = validFacts(option('      - { actor: eu, condition: with food and medicine exemptions }\n'));
    expect(facts.options![0]!.conditional).toEqual([{ actor: 'eu', condition: 'with food and medicine exemptions' }]);
  });

  it('checks the actor id and refuses an actor both backing and backing on a condition', () => {
    expect(problemAt(errorsOf(option('      - { actor: euu, condition: if asked }\n')), 'options[0].conditional[0].actor[0]').message).toMatch(
      /did you mean "eu"/,
    );
    expect(problemAt(errorsOf(option('      - { actor: us, condition: if asked }\n')), 'options[0].conditional').message).toMatch(
      /us already listed under another position/,
    );
  });
});

describe('date ranges and open starts', () => {
  it('parses ISO 8601 intervals of any precision and writes them naturally', () => {
    const text = (s: string, short = false) => formatSpan(parseSpan(s) as Exclude<ReturnType<typeof parseSpan>, string>, short);
    expect(text('2032-05-18/2032-05-20')).toBe('18\u201320 May 2032');
    expect(text('2032-04-30/2032-05-02', true)).toBe('30 Apr \u2013 2 May 2032');
    expect(text('2032-05/2032-06')).toBe('May\u2013June 2032');
    expect(text('2031/2032')).toBe('2031\u20132032');
    expect(text('2031-12-30/2032-01-02', true)).toBe('30 Dec 2031 \u2013 2 Jan 2032');
    expect(text('2031/2032-03')).toBe('2031 \u2013 March 2032');
    expect(formatSpan({ start: { year: 2020, precision: 'year' }, since: true })).toBe('since 2020');
  });

  it('refuses a range that ends before it starts or that is one date', () => {
    expect(parseSpan('2032-05-20/2032-05-18')).toMatch(/ends before it starts/);
    expect(parseSpan('2032-05/2032-05')).toMatch(/same date/);
    expect(parseSpan('2032-02-30/2032-03-01')).toMatch(/February 2032 has 29 days/);
  });

  it('takes a range or since: on a timeline event, and one of them only', () => {
    const timeline = (entry: string) => factsYaml(append(`timeline:\n  - ${entry}\n    event: Talks.\n    sources: [src-a]\n`));
    const ranged = validFacts(timeline('date: 2020-05-18/2020-05-20'));
    expect(eventSpan(ranged.timeline![0]!)).toMatchObject({ start: { day: 18 }, end: { day: 20 } });
    const since = validFacts(timeline('since: 2019'));
    expect(eventSpan(since.timeline![0]!)).toEqual({ start: { year: 2019, precision: 'year' }, since: true });
    expect(problemAt(errorsOf(timeline('date: 2020\n    since: 2019')), 'timeline[0].since').message).toMatch(/either date: or since:/);
    expect(problemAt(errorsOf(factsYaml(append('timeline:\n  - event: Talks.\n    sources: [src-a]\n'))), 'timeline[0]').message).toMatch(
      /needs a date/,
    );
    expect(problemAt(parse(timeline('date: 2020-05-18/20')).problems, 'timeline[0].date').message).toMatch(/two of them joined by "\/"/);
  });
});

describe('--strict', () => {
  const unchecked = factsYaml(
    replace('    copy: sources/a.txt\n', ''),
    JO_QUOTES,
    replace('Second judgement.', 'Second judgement, TODO confirm the date.'),
  );

  it('warns about an unchecked quote and a TODO marker by default', () => {
    const problems = problemsOf(unchecked, {});
    expect(problems.map((p) => [p.severity, p.field])).toEqual([
      ['warning', 'actors[0].quotes[0].text'],
      ['warning', 'bottom_line[1].text'],
    ]);
    expect(problemAt(problems, 'bottom_line[1].text').message).toBe('still has a TODO marker: finish the text or remove it');
  });

  it('fails on them with strict', () => {
    const problems = strictProblems(unchecked, {});
    expect(problems.map((p) => [p.severity, p.field])).toEqual([
      ['error', 'actors[0].quotes[0].text'],
      ['error', 'bottom_line[1].text'],
    ]);
    expect(problems[0]!.message).toMatch(/not checked against the source.*\(an error with --strict\)$/);
  });

  it('leaves facts without such problems valid with strict', () => {
    expect(strictProblems(factsYaml())).toEqual([]);
  });
});

describe('on the slides', () => {
  it('marks a quote whose source has no copy as not checked against the source', () => {
    const yaml = factsYaml(
      replace('    copy: sources/a.txt\n', ''),
      JO_QUOTES,
    );
    expect(credits(composeSlides(validFacts(yaml)))).toEqual(['— Jo Brandt, 10 Jan 2020 · not checked against the source']);
    expect(credits(composeSlides(validFacts(factsYaml(JO_QUOTES))))).toEqual(['— Jo Brandt, 10 Jan 2020']);
  });

  it('writes ranges and since: naturally in the timeline table, actions and next steps', () => {
    const yaml = factsYaml(
      append(`timeline:
  - { since: 2019, event: Talks go on., sources: [src-a] }
  - { date: 2020-05-18/2020-05-20, event: Summit., sources: [src-a] }
next_steps:
  - { what: Follow-up., when: 2020-06/2020-07, sources: [src-a] }
`),
    );
    const deck = composeSlides(validFacts(yaml));
    expect(slideText(deck, 'timeline')).toContain('since 2019');
    expect(slideText(deck, 'timeline')).toContain('18\u201320 May 2020');
    expect(slideText(deck, 'next-steps')).toContain('Jun\u2013Jul 2020');
  });

  it('puts a condition on the option\'s slide and a distinct mark in the matrix', () => {
    const yaml = option('      - { actor: eu, condition: with food and medicine exemptions }\n');
    const deck = composeSlides(validFacts(yaml));
    expect(slideText(deck, 'option-1')).toContain('Backed on a condition:');
    expect(slideText(deck, 'option-1')).toContain('with food and medicine exemptions');
    const matrix = deck.slides.find((s) => s.id === 'options')!.blocks.find((b) => b.kind === 'drawing');
    expect(matrix && matrix.kind === 'drawing' && matrix.alt).toContain('EU: backs option 1 with food and medicine exemptions');
  });
});

import { describe, expect, it } from 'vitest';
import {
  actorQuoting,
  append,
  errorsOf,
  factsYaml,
  MINIMAL_FACTS,
  positionOf,
  problemAt,
  problemsOf,
  replace,
} from '../helpers.js';

/** Two actors and an option that names them: the base for reference checks. */
const ACTORS_AND_OPTION = `actors:
  - id: nato
    name: NATO
    stance: Calm.
    stance_sources: [src-a]
  - id: russia
    name: Russia
    stance: Denies it.
    stance_sources: [src-a]
options:
  - id: talk
    title: Talk
    summary: Keep talking.
    backers: [nato]
    opponents: [russia]
    sources: [src-a]
`;

/** Where the value of the `occurrence`-th `id: <id>` line starts. */
function idValueAt(yaml: string, id: string, occurrence: number) {
  const { line, column } = positionOf(yaml, `id: ${id}`, occurrence);
  return { line, column: column + 'id: '.length };
}

const withOption = (...edits: Parameters<typeof replace>[]) =>
  factsYaml(append(ACTORS_AND_OPTION), ...edits.map(([from, to]) => replace(from, to)));

describe('checkFacts: references', () => {
  it('finds no problem in the minimal facts or with actors and options', () => {
    expect(problemsOf(MINIMAL_FACTS)).toEqual([]);
    expect(problemsOf(withOption())).toEqual([]);
  });

  it('reports a dangling source id at the id, suggesting a near one', () => {
    const yaml = factsYaml(replace('  - text: Second judgement.\n    sources: [src-a]', '  - text: Second judgement.\n    sources: [src-b]'));
    expect(problemAt(errorsOf(yaml), 'bottom_line[1].sources[0]')).toMatchObject({
      ...positionOf(yaml, 'src-b'),
      message: 'no source has the id "src-b": did you mean "src-a"?',
    });
  });

  it('reports a dangling source id with no near one, saying where to declare it', () => {
    const yaml = factsYaml(replace('  - text: Second judgement.\n    sources: [src-a]', '  - text: Second judgement.\n    sources: [nope]'));
    expect(problemAt(errorsOf(yaml), 'bottom_line[1].sources[0]')).toMatchObject({
      ...positionOf(yaml, 'nope'),
      message: 'no source has the id "nope": declare it under sources',
    });
  });

  it('reports dangling actor ids in options.backers, each at its own position', () => {
    const yaml = withOption(['backers: [nato]', 'backers: [natto, martians]']);
    const errors = errorsOf(yaml);
    expect(problemAt(errors, 'options[0].backers[0]')).toMatchObject({
      ...positionOf(yaml, 'natto'),
      message: 'no actor has the id "natto": did you mean "nato"?',
    });
    expect(problemAt(errors, 'options[0].backers[1]')).toMatchObject({
      ...positionOf(yaml, 'martians'),
      message: 'no actor has the id "martians": declare it under actors',
    });
  });

  it('reports an actor who both backs and opposes an option', () => {
    const yaml = withOption(['backers: [nato]', 'backers: [nato, russia]']);
    expect(problemAt(errorsOf(yaml), 'options[0].opponents').message).toMatch(/russia already listed under another position on this option/);
  });

  it('reports duplicate source and actor ids at the second one', () => {
    const yaml = withOption(['  - id: russia', '  - id: nato']);
    expect(problemAt(errorsOf(yaml), 'actors[1].id')).toMatchObject({
      ...idValueAt(yaml, 'nato', 2),
      message: expect.stringContaining('"nato" is already used by actors[0]'),
    });
  });

  it('reports a duplicate option id at the second option that uses it, even after an option without id', () => {
    const yaml = factsYaml(
      append(`options:
  - title: First, without id
    summary: a
    sources: [src-a]
  - id: dup
    title: Second
    summary: b
    sources: [src-a]
  - id: dup
    title: Third
    summary: c
    sources: [src-a]
`),
    );
    const p = problemAt(errorsOf(yaml), 'options[2].id');
    expect(p).toMatchObject(idValueAt(yaml, 'dup', 2));
    expect(p.message).toContain('already used by options[1]');
  });

  it('warns about a source no fact cites', () => {
    const yaml = factsYaml(
      replace('bottom_line:', '  - id: unused\n    publisher: P\n    title: T\nbottom_line:'),
    );
    const p = problemAt(problemsOf(yaml), 'sources[1].id');
    expect(p.severity).toBe('warning');
    expect(p.message).toBe('source "unused" is not cited by any fact');
  });
});

describe('checkFacts: dates', () => {
  const timelineOn = (date: string) =>
    factsYaml(append(`timeline:\n  - date: ${date}\n    event: Something.\n    sources: [src-a]\n`));

  it('reports a date that does not exist, with the month length', () => {
    const yaml = timelineOn('2019-02-30');
    expect(problemAt(errorsOf(yaml), 'timeline[0].date')).toMatchObject({
      ...positionOf(yaml, '2019-02-30'),
      message: '"2019-02-30" does not exist: February 2019 has 28 days',
    });
  });

  it('knows leap years', () => {
    expect(errorsOf(timelineOn('2020-02-29'))).toEqual([]);
    expect(problemAt(errorsOf(timelineOn('2100-02-29')), 'timeline[0].date').message).toMatch(/February 2100 has 28 days/);
  });

  it('reports month 13', () => {
    expect(problemAt(errorsOf(timelineOn('2019-13')), 'timeline[0].date').message).toBe(
      '"2019-13" has no month 13: months run from 01 to 12',
    );
  });

  it('requires meta.as_of to be a full day', () => {
    const yaml = factsYaml(replace('as_of: 2020-01-15', 'as_of: 2020-01'));
    expect(problemAt(errorsOf(yaml), 'meta.as_of')).toMatchObject({
      ...positionOf(yaml, '2020-01'),
      message: expect.stringContaining('must be a full date (YYYY-MM-DD)'),
    });
  });

  it('warns when a quote is dated after as_of', () => {
    const yaml = factsYaml(actorQuoting('We will not retreat'), replace('date: 2020-01-10', 'date: 2020-02-01'));
    const p = problemAt(problemsOf(yaml), 'actors[0].quotes[0].date');
    expect(p.severity).toBe('warning');
    expect(p.message).toContain('is after meta.as_of (2020-01-15)');
  });
});

describe('checkFacts: quotes', () => {
  it('accepts a quote that stands in the source copy', () => {
    expect(problemsOf(factsYaml(actorQuoting('We will not retreat, not one step')))).toEqual([]);
  });

  it('reports a changed word at the quote text, showing the closest passage of the source', () => {
    const yaml = factsYaml(actorQuoting('We will never retreat, not one step'));
    const p = problemAt(errorsOf(yaml), 'actors[0].quotes[0].text');
    expect(p).toMatchObject(positionOf(yaml, '"We will never'));
    expect(p.message).toContain('quote not found in source "src-a": "We will never retreat, not one step"');
    expect(p.message).toMatch(/the closest passage is ""We will not retreat, not one step\."\"/);
  });

  it('reports a speaker who is not one of the actor\'s speakers, suggesting a near name', () => {
    const yaml = factsYaml(actorQuoting('We will not retreat'), replace('        speaker: Jo Brandt', '        speaker: Jo Brant'));
    expect(problemAt(errorsOf(yaml), 'actors[0].quotes[0].speaker').message).toBe(
      '"Jo Brant" is not one of gov\'s speakers: did you mean "Jo Brandt"?',
    );
  });

  it('reports a source whose copy could not be read once, at sources[i].copy, and skips its quotes', () => {
    const yaml = factsYaml(actorQuoting('anything at all'));
    const errors = errorsOf(yaml, { 'src-a': { error: '"sources/a.txt" does not exist in deck: check the file name' } });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      field: 'sources[0].copy',
      ...positionOf(yaml, 'sources/a.txt'),
      message: expect.stringContaining('does not exist'),
    });
  });

  it('warns that a quote is not checked when its source has no copy', () => {
    const yaml = factsYaml(actorQuoting('anything at all'), replace('    copy: sources/a.txt\n', ''));
    const problems = problemsOf(yaml, {});
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ severity: 'warning', field: 'actors[0].quotes[0].text' });
    expect(problems[0]!.message).toMatch(/not checked against the source: source "src-a" has no local copy/);
  });

  it('reports every problem of a file at once', () => {
    const yaml = factsYaml(
      actorQuoting('We will never retreat'),
      replace('  - text: Second judgement.\n    sources: [src-a]', '  - text: Second judgement.\n    sources: [src-b]'),
      append('timeline:\n  - date: 2019-02-30\n    event: X.\n    sources: [src-a]\nnext_steps:\n  - what: Y.\n    who: [nobody]\n    sources: [src-a]\n'),
    );
    expect(errorsOf(yaml).map((e) => e.field).sort()).toEqual(
      ['actors[0].quotes[0].text', 'bottom_line[1].sources[0]', 'next_steps[0].who[0]', 'timeline[0].date'].sort(),
    );
  });
});

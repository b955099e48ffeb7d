import { describe, expect, it } from 'vitest';
import { isoDate } from '../../src/facts/hints.js';
import { errorsOf, factsYaml, positionOf, replace } from '../helpers.js';

describe('dates written in words', () => {
  it.each([
    ['26 November 2026', '2026-11-26'],
    ['26th Nov. 2026', '2026-11-26'],
    ['November 26, 2026', '2026-11-26'],
    ['Sept 3 2026', '2026-09-03'],
    ['November 2026', '2026-11'],
    ['2026/11/26', '2026-11-26'],
    ['26.11.2026', '2026-11-26'],
  ])('reads %j as %s', (text, iso) => expect(isoDate(text)).toBe(iso));

  it.each(['11/12/2026', '31 February 2026', 'Smarch 3 2026', 'soon', '2026'])('does not guess %j', (text) => expect(isoDate(text)).toBeUndefined());
});

describe('hints for refused values', () => {
  it('as_of in words: the full date to write, which then passes', () => {
    const yaml = factsYaml(replace('as_of: 2020-01-15', 'as_of: 26 November 2026'));
    expect(errorsOf(yaml)).toEqual([
      expect.objectContaining({
        ...positionOf(yaml, '26 November'),
        field: 'meta.as_of',
        message: 'must be a full date, YYYY-MM-DD (the day the facts are current to): write 2026-11-26',
      }),
    ]);
    expect(errorsOf(factsYaml(replace('as_of: 2020-01-15', 'as_of: 2026-11-26')))).toEqual([]);
    // A month alone is not enough for as_of: the hint asks for the day instead of suggesting 2026-11.
    const month = errorsOf(factsYaml(replace('as_of: 2020-01-15', 'as_of: November 2026')));
    expect(month[0]!.message).toBe('must be a full date, YYYY-MM-DD (the day the facts are current to): which day of 2026-11? e.g. 2026-11-01');
  });

  it('another date in words: the ISO form, at any precision', () => {
    const yaml = factsYaml(
      replace('bottom_line:', 'timeline:\n  - date: 3 March 2019\n    event: Something happened.\n    sources: [src-a]\nbottom_line:'),
    );
    expect(errorsOf(yaml)).toEqual([
      expect.objectContaining({ field: 'timeline[0].date', message: 'must be a date (YYYY, YYYY-MM or YYYY-MM-DD): write 2019-03-03' }),
    ]);
  });

  it('a choice spelt another way gets a "did you mean"', () => {
    const yaml = factsYaml(
      replace('bottom_line:', 'actors:\n  - id: un\n    name: United Nations\n    kind: organization\n    stance: Calls for talks.\n    stance_sources: [src-a]\nbottom_line:'),
    );
    expect(errorsOf(yaml)).toEqual([
      expect.objectContaining({
        field: 'actors[0].kind',
        message: 'must be one of: country, alliance, organisation, person, group: did you mean "organisation"?',
      }),
    ]);
  });
});

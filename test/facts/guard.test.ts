import { describe, expect, it } from 'vitest';
import { append, errorsOf, factsYaml, parse, positionOf, problemAt, problemsOf, replace } from '../helpers.js';

const timed = <T>(fn: () => T): { value: T; ms: number } => {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
};

const events = (n: number) =>
  append(`timeline:\n${Array.from({ length: n }, (_, i) => `  - date: 2019-01-${String((i % 28) + 1).padStart(2, '0')}\n    event: Event ${i}.\n    sources: [src-a]\n`).join('')}`);

describe('deceptive input is refused at its field', () => {
  it.each([
    ['a right-to-left override', '\u202E', 'U+202E'],
    ['a left-to-right embedding', '\u202A', 'U+202A'],
    ['a first-strong isolate', '\u2068', 'U+2068'],
  ])('%s in the marking', (_name, char, code) => {
    const yaml = factsYaml(replace('marking: UNCLASSIFIED', `marking: "${char}DEIFISSALCNU"`));
    const problem = problemAt(errorsOf(yaml), 'meta.marking');
    expect(problem).toMatchObject(positionOf(yaml, '"\u202E'.replace('\u202E', char)));
    expect(problem.message).toContain(code);
    expect(problem.message).toMatch(/another order than it is written: remove it/);
  });

  it.each([
    ['ESC', '\\e[31m', 'U+001B'],
    ['BEL', '\\a', 'U+0007'],
    ['a C1 control (CSI)', '\\x9B', 'U+009B'],
    ['a carriage return', '\\r', 'U+000D'],
  ])('%s in a title', (_name, escape, code) => {
    const yaml = factsYaml(replace('title: Test briefing', `title: "Test ${escape} briefing"`));
    expect(problemAt(errorsOf(yaml), 'meta.title').message).toContain(`control character (${code})`);
  });

  it('allows right-to-left text and the marks that place its punctuation', () => {
    const yaml = factsYaml(replace('title: Test briefing', 'title: "إحاطة اختبار\u200F. Test\u200E"'));
    expect(errorsOf(yaml)).toEqual([]);
  });
});

describe('dates in another number notation are refused', () => {
  it.each(['0x7E3', '1e3', '0o3743', '2.019e3', '+2019'])('as_of: %s', (written) => {
    const yaml = factsYaml(replace('as_of: 2020-01-15', `as_of: ${written}`));
    const problem = problemAt(errorsOf(yaml), 'meta.as_of');
    expect(problem).toMatchObject(positionOf(yaml, written));
    expect(problem.message).toMatch(/write the date as YYYY/);
  });

  it('a plain year stays a date', () => {
    expect(errorsOf(factsYaml(events(1), replace('date: 2019-01-01', 'date: 2019')))).toEqual([]);
  });
});

describe('oversized input is answered at once, quoting little', () => {
  it.each([
    ['a 10,000-character actor name', 'actors[0].name', factsYaml(append(`actors:\n  - id: gov\n    name: ${'N'.repeat(10_000)}\n    stance: Firm.\n    stance_sources: [src-a]\n`))],
    ['a 1.9 MB title', 'meta.title', factsYaml(replace('title: Test briefing', `title: ${'T'.repeat(1_900_000)}`))],
    ['a 1.5 MB address', 'sources[0].url', factsYaml(replace('title: Example headline', `title: Example headline\n    url: https://example.org/${'u'.repeat(1_500_000)}`))],
  ])('%s', (_name, field, yaml) => {
    const { value: problems, ms } = timed(() => errorsOf(yaml));
    expect(ms).toBeLessThan(1000);
    const problem = problemAt(problems, field);
    expect(problem.message).toMatch(/characters long .* takes at most [\d,]+: shorten it$/);
    expect(problem.message.length).toBeLessThan(200);
  });

  it('warns about a very long timeline, and refuses one past the limit', () => {
    const long = problemsOf(factsYaml(events(100)));
    expect(problemAt(long, 'timeline')).toMatchObject({ severity: 'warning', message: expect.stringMatching(/has 100 entries/) });
    expect(long.filter((p) => p.severity === 'error')).toEqual([]);
    // Refused before the schema and the checks; what time it takes is the YAML parser's.
    const huge = errorsOf(factsYaml(events(5000)));
    expect(problemAt(huge, 'timeline').message).toMatch(/has 5000 entries; a briefing takes at most 500/);
  });

  it.each([
    ['flow lists', `meta:\n  title: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`, 2],
    ['block lists', `meta:\n  title:\n    ${'- '.repeat(20_000)}x\n`, 3],
  ])('nesting too deep (%s) is said to be, at its line', (_name, yaml, line) => {
    const problems = parse(yaml).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line, message: expect.stringMatching(/^nested too deeply/) });
  });
});

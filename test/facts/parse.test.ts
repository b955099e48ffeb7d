import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/errors.js';
import { closest, formatPath, MAX_FACTS_BYTES } from '../../src/facts/parse.js';
import { append, factsYaml, FILE, MINIMAL_FACTS, parse, positionOf, problemAt, problemsOf, removeLine, replace } from '../helpers.js';

const bytes = (text: string) => new TextEncoder().encode(text);

/** A problem about the file as a whole: no line, no column, no field. */
function expectWholeFileProblem(input: string | Uint8Array, message: RegExp) {
  const { facts, problems } = parse(input);
  expect(facts).toBeUndefined();
  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatchObject({ severity: 'error', file: FILE, line: 0, column: 0, field: '' });
  expect(problems[0]!.message).toMatch(message);
}

describe('parseFacts: valid input', () => {
  it('accepts the minimal facts file', () => {
    const { facts, problems } = parse(MINIMAL_FACTS);
    expect(problems).toEqual([]);
    expect(facts?.meta.title).toBe('Test briefing');
    expect(facts?.bottom_line).toHaveLength(2);
  });

  it('accepts a UTF-8 byte order mark and CRLF line ends, giving the same facts', () => {
    const plain = parse(MINIMAL_FACTS).facts;
    const withBom = parse('\uFEFF' + MINIMAL_FACTS);
    const crlf = parse(MINIMAL_FACTS.replace(/\n/g, '\r\n'));
    const both = parse('\uFEFF' + MINIMAL_FACTS.replace(/\n/g, '\r\n'));
    for (const r of [withBom, crlf, both]) {
      expect(r.problems).toEqual([]);
      expect(r.facts).toEqual(plain);
    }
  });

  it('keeps line and column right after a BOM and with CRLF line ends', () => {
    const yaml = factsYaml(replace('  title: Test', '  titel: Test'));
    const expected = positionOf(yaml, 'titel');
    for (const input of ['\uFEFF' + yaml, yaml.replace(/\n/g, '\r\n')]) {
      expect(problemAt(parse(input).problems, 'meta.titel')).toMatchObject(expected);
    }
  });

  it('accepts a few honest YAML anchors and aliases', () => {
    const yaml = factsYaml(replace('    sources: [src-a]\n  - text: Second', '    sources: &cite [src-a]\n  - text: Second'), (y) =>
      y.replace(/sources: \[src-a\]\n$/, 'sources: *cite\n'),
    );
    expect(yaml).toContain('*cite');
    const { facts, problems } = parse(yaml);
    expect(problems).toEqual([]);
    expect(facts?.bottom_line[1]?.sources).toEqual(['src-a']);
  });

  it('accepts a file of exactly MAX_FACTS_BYTES', () => {
    const padding = MAX_FACTS_BYTES - bytes(MINIMAL_FACTS).length - 2;
    const input = bytes(`${MINIMAL_FACTS}#${'x'.repeat(padding)}\n`);
    expect(input.byteLength).toBe(MAX_FACTS_BYTES);
    expect(parse(input).problems).toEqual([]);
  });
});

describe('parseFacts: schema problems carry line, column and field', () => {
  it('reports an unknown key at its position with a "did you mean"', () => {
    const yaml = factsYaml(replace('  title: Test', '  titel: Test'));
    const p = problemAt(parse(yaml).problems, 'meta.titel');
    expect(p).toMatchObject({ severity: 'error', file: FILE, ...positionOf(yaml, 'titel') });
    expect(p.message).toBe('unknown field: did you mean "title"? ("title" is required)');
    // The misspelling is the one error: "title is required" would only repeat it.
    expect(parse(yaml).problems).toHaveLength(1);
  });

  it('still reports a required field as missing when no unknown key looks like it', () => {
    const yaml = factsYaml(removeLine('title: Test'), append('zzzzzz: 1\n'));
    const fields = parse(yaml).problems.map((p) => p.field).sort();
    expect(fields).toEqual(['meta.title', 'zzzzzz']);
  });

  it('suggests the nearest key at the top level and deep inside lists', () => {
    const top = factsYaml(append('timelime: []\n'));
    expect(problemAt(parse(top).problems, 'timelime')).toMatchObject({
      ...positionOf(top, 'timelime'),
      message: expect.stringContaining('did you mean "timeline"'),
    });

    const deep = factsYaml(
      append(`actors:
  - id: gov
    name: Gov
    stance: Firm.
    quotes:
      - text: We will not retreat
        spaeker: Jo
        date: 2020
        source: src-a
`),
    );
    expect(problemAt(parse(deep).problems, 'actors[0].quotes[0].spaeker')).toMatchObject({
      ...positionOf(deep, 'spaeker'),
      message: expect.stringContaining('did you mean "speaker"'),
    });
  });

  it('lists the allowed keys when no key is close', () => {
    const yaml = factsYaml(append('zzzzzz: 1\n'));
    const p = problemAt(parse(yaml).problems, 'zzzzzz');
    expect(p.message).not.toContain('did you mean');
    expect(p.message).toContain('allowed here: meta, sources, bottom_line');
  });

  it('reports a missing required field, naming the key to add', () => {
    const yaml = factsYaml(removeLine('title: Test'));
    const p = problemAt(parse(yaml).problems, 'meta.title');
    expect(p.message).toBe('is required: add "title:" here');
    // Located at the map that lacks it.
    expect(p).toMatchObject(positionOf(yaml, 'as_of: 2020'));
  });

  it('reports a missing top-level section at the start of the file', () => {
    const yaml = factsYaml((y) => y.replace(/sources:\n(?: {2}.*\n)+/, ''));
    expect(yaml).not.toContain('publisher');
    expect(problemAt(parse(yaml).problems, 'sources')).toMatchObject({ line: 1, column: 1, message: 'is required: add "sources:" here' });
  });

  it('reports a list where a map belongs, at the list', () => {
    const yaml = factsYaml((y) => y.replace(/meta:\n(?: {2}.*\n)+/, 'meta:\n  - title: A\n  - as_of: 2020\n'));
    const p = problemAt(parse(yaml).problems, 'meta');
    expect(p).toMatchObject(positionOf(yaml, '- title: A'));
    expect(p.message).toBe('must be a map of fields (key: value lines), not a list: remove the "- " in front of the fields');
    expect(parse(yaml).problems).toHaveLength(1);
  });

  it('reports text where a map or a list belongs, saying how to write one', () => {
    const map = factsYaml(append('background: Some text\n'));
    expect(problemAt(parse(map).problems, 'background').message).toBe(
      'must be a map of fields (key: value lines, indented under this key), not a string',
    );
    const list = factsYaml(append('timeline: Some text\n'));
    expect(problemAt(parse(list).problems, 'timeline').message).toBe(
      'must be a list (one "- " line per entry, indented under this key), not a string',
    );
  });

  it('reports a single id where a list of ids belongs', () => {
    const yaml = factsYaml(replace('    sources: [src-a]', '    sources: src-a'));
    expect(problemAt(parse(yaml).problems, 'bottom_line[0].sources')).toMatchObject({
      ...positionOf(yaml, 'src-a', 2),
      message: expect.stringContaining('must be a list of source ids'),
    });
  });

  it('reports text fields given as numbers and ids that break the id rule', () => {
    const yaml = factsYaml(replace('First judgement.', '42'), replace('id: src-a', 'id: Src_A'));
    const problems = parse(yaml).problems;
    expect(problemAt(problems, 'bottom_line[0].text')).toMatchObject({
      ...positionOf(yaml, '42'),
      message: 'must be text: put it in quotes ("42") so YAML reads it as text',
    });
    expect(problemAt(problems, 'sources[0].id')).toMatchObject({
      ...positionOf(yaml, 'Src_A'),
      message: expect.stringContaining('lower-case letters, digits and hyphens'),
    });
  });

  it('says how to fix text given as a list, a map or nothing', () => {
    const list = factsYaml(replace('First judgement.', '[a, b]'));
    expect(problemAt(parse(list).problems, 'bottom_line[0].text').message).toBe('must be text, not a list: write it on one line after the key');
    const map = factsYaml(replace('First judgement.', '{ a: b }'));
    expect(problemAt(parse(map).problems, 'bottom_line[0].text').message).toBe('must be text, not a map: write it on one line after the key');
    const empty = factsYaml(replace(' First judgement.', ''));
    expect(problemAt(parse(empty).problems, 'bottom_line[0].text').message).toBe('is empty: write the text after the key');
  });

  it('warns, not fails, when the bottom line is missing or has other than 2 to 4 key judgements', () => {
    const withJudgements = (n: number) =>
      factsYaml((y) =>
        y.replace(/bottom_line:\n[\s\S]*$/, n === 0 ? '' : 'bottom_line:\n' + '  - text: A judgement.\n    sources: [src-a]\n'.repeat(n)),
      );
    const only = (n: number, field: string) => {
      const p = problemAt(problemsOf(withJudgements(n)), field);
      expect(p.severity).toBe('warning');
      return p.message;
    };
    expect(only(0, 'meta')).toMatch(/no bottom_line: add 2 to 4 key judgements/);
    expect(only(1, 'bottom_line')).toMatch(/has 1 key judgement; a bottom line has 2 to 4: add one/);
    expect(problemsOf(withJudgements(2))).toEqual([]);
    expect(problemsOf(withJudgements(4))).toEqual([]);
    expect(only(5, 'bottom_line')).toMatch(/has 5 key judgements; a bottom line has 2 to 4: merge/);
  });

  it('refuses source URLs that are not http(s)', () => {
    const yaml = factsYaml(replace('    title: Example headline\n', '    title: Example headline\n    url: javascript:alert(1)\n'));
    expect(problemAt(parse(yaml).problems, 'sources[0].url')).toMatchObject({
      ...positionOf(yaml, 'javascript:'),
      message: 'must be an http:// or https:// address',
    });
  });

  it('explains how to write a date that does not have the date shape', () => {
    // A date of the wrong shape, of the right shape but a string of the wrong form, too short a
    // year, and a list: each must tell the analyst how a date is written.
    for (const written of ['13/02/2019', '"13/02/2019"', '2019-2-3', '123', '[2019]']) {
      const yaml = factsYaml(replace('as_of: 2020-01-15', `as_of: ${written}`));
      const p = problemAt(parse(yaml).problems, 'meta.as_of');
      expect(p).toMatchObject(positionOf(yaml, written));
      expect.soft(p.message, `message for ${written}`).toContain('YYYY-MM-DD');
    }
  });

  it('collects every problem in the file, not only the first', () => {
    const yaml = factsYaml(
      replace('  title: Test', '  titel: Test'),
      removeLine('title: Example headline'),
      replace('Second judgement.', '42'),
      replace('id: src-a', 'id: Bad Id'),
      append('extra: true\n'),
    );
    const fields = parse(yaml).problems.map((p) => p.field);
    expect(fields).toEqual(
      expect.arrayContaining(['meta.titel', 'sources[0].title', 'sources[0].id', 'bottom_line[1].text', 'extra']),
    );
    for (const p of parse(yaml).problems) expect(p.line, p.field).toBeGreaterThan(0);
  });
});

describe('parseFacts: YAML problems', () => {
  it('reports a duplicate key at the second occurrence', () => {
    const yaml = factsYaml(replace('  marking: UNCLASSIFIED\n', '  marking: UNCLASSIFIED\n  marking: SECRET\n'));
    const { facts, problems } = parse(yaml);
    expect(facts).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ ...positionOf(yaml, 'marking', 2), field: '' });
    expect(problems[0]!.message).toMatch(/appears twice/);
  });

  it('reports tabs used for indentation at the tab', () => {
    const yaml = factsYaml(replace('  title: Test', '\ttitle: Test'));
    const { facts, problems } = parse(yaml);
    expect(facts).toBeUndefined();
    expect(problems[0]).toMatchObject({ ...positionOf(yaml, '\t'), message: expect.stringMatching(/tabs are used for indentation/) });
  });

  it('reports text that is not YAML with a position', () => {
    const { facts, problems } = parse('meta: [unclosed\n  title: {');
    expect(facts).toBeUndefined();
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p.line).toBeGreaterThan(0);
      expect(p.message).toMatch(/^not valid YAML: /);
      // The library's own "at line x, column y" suffix is dropped: the position is in front already.
      expect(p.message).not.toMatch(/at line \d+/);
    }
  });

  it('reports only the first syntax error, not the echoes that follow it', () => {
    const yaml = factsYaml(replace('title: Test briefing', 'title: [Test briefing'));
    const { problems } = parse(yaml);
    expect(problems).toHaveLength(1);
    // At the bracket left open, not on the next line where the parser gave up.
    expect(problems[0]).toMatchObject(positionOf(yaml, '[Test'));
    expect(problems[0]!.message).toBe(
      'not valid YAML: this [ is never closed: end the list with ] on the same line, or put the whole value in double quotes',
    );

    const tabs = factsYaml(replace('  prepared_by', '\tprepared_by'));
    expect(parse(tabs).problems).toHaveLength(1);
    expect(parse(tabs).problems[0]!.message).toMatch(/^tabs are used for indentation/);
  });

  it('says how to quote a pasted value that YAML would misread', () => {
    const colon = factsYaml(replace('title: Test briefing', 'title: Note: this'));
    expect(parse(colon).problems).toEqual([
      expect.objectContaining({ ...positionOf(colon, 'Note: this'), message: expect.stringContaining('A value that contains ": " must be quoted') }),
    ]);
    const bracket = factsYaml(replace('title: Test briefing', 'title: [Draft] Test'));
    expect(parse(bracket).problems).toEqual([
      expect.objectContaining({ message: expect.stringContaining('e.g. title: "[Draft] …"') }),
    ]);
    const quote = factsYaml(replace('title: Test briefing', 'title: "Test briefing'));
    expect(parse(quote).problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/^not valid YAML: Missing closing "quote\. Close it/) })]);
  });

  it('refuses a NUL character written as a YAML escape, at its field', () => {
    const yaml = factsYaml(replace('title: Test briefing', 'title: "Test\\0briefing"'));
    const { facts, problems } = parse(yaml);
    expect(facts).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({ ...positionOf(yaml, '"Test'), field: 'meta.title', message: 'contains a NUL character (written \\0), which no deck can show: remove it' }),
    ]);
  });

  it('reports an alias with no anchor at the alias, not as an alias bomb', () => {
    const yaml = factsYaml(replace('title: Test briefing', 'title: *name'));
    const { facts, problems } = parse(yaml);
    expect(facts).toBeUndefined();
    expect(problems).toEqual([
      expect.objectContaining({ ...positionOf(yaml, '*name'), message: 'not valid YAML: *name refers to no anchor: define &name before it, or write the value out' }),
    ]);
  });

  it('says a document that is not a map must be one', () => {
    for (const [text, what] of [['just a sentence', 'a string'], ['- a\n- b\n', 'a list'], ['# only a comment\n', 'an empty document']] as const) {
      const { problems } = parse(text);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ line: 1, column: 1 });
      expect(problems[0]!.message).toMatch(new RegExp(`must be a map of sections .*not ${what}$`));
    }
  });

  it('refuses a second YAML document in the file', () => {
    const yaml = factsYaml(append('---\nmeta: {}\n'));
    const { facts, problems } = parse(yaml);
    expect(facts).toBeUndefined();
    expect(problems[0]).toMatchObject({ line: positionOf(yaml, '---').line });
    expect(problems[0]!.message).toMatch(/a facts file holds one; remove the line$/);
  });
});

describe('parseFacts: files that are not facts text', () => {
  it('refuses an empty or blank file and says how to start', () => {
    expectWholeFileProblem('', /is empty: start from `npx briefdeck new <folder>`/);
    expectWholeFileProblem(' \n\n\t\n', /is empty/);
  });

  it('refuses invalid UTF-8 and points at the first bad byte', () => {
    const prefix = bytes('meta:\n  title: ');
    const input = new Uint8Array([...prefix, 0xff, 0xfe, 0x0a]);
    expectWholeFileProblem(input, new RegExp(`is not valid UTF-8 text \\(near byte ${prefix.length}\\)`));
  });

  it('refuses a binary file containing NUL bytes', () => {
    expectWholeFileProblem(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a]), /is a binary file/);
    expectWholeFileProblem(bytes(MINIMAL_FACTS + '\0'), /is a binary file/);
  });

  it('refuses a file over MAX_FACTS_BYTES before parsing it', () => {
    const input = new Uint8Array(MAX_FACTS_BYTES + 1).fill(0x20);
    expectWholeFileProblem(input, /facts files are limited to 2 MB/);
  });

  it('refuses a billion-laughs alias bomb quickly', () => {
    const levels = 'abcdefghij'.split('');
    let yaml = `${levels[0]}: &${levels[0]} [${Array(10).fill('"lol"').join(', ')}]\n`;
    for (let i = 1; i < levels.length; i++) {
      yaml += `${levels[i]}: &${levels[i]} [${Array(10).fill(`*${levels[i - 1]}`).join(', ')}]\n`;
    }
    const started = performance.now();
    const { facts, problems } = parse(factsYaml(append(yaml)));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(facts).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/too many YAML aliases/);
  }, 2000);
});

describe('formatPath and closest', () => {
  it('formats field paths with dots and indices', () => {
    expect(formatPath(['actors', 2, 'quotes', 0, 'text'])).toBe('actors[2].quotes[0].text');
    expect(formatPath(['meta'])).toBe('meta');
    expect(formatPath([])).toBe('');
  });

  it('suggests only near candidates', () => {
    expect(closest('titel', ['title', 'subtitle', 'as_of'])).toBe('title');
    expect(closest('TITLE', ['title'])).toBe('title');
    expect(closest('zzzzzz', ['title', 'subtitle'])).toBeUndefined();
    expect(closest('x', [])).toBeUndefined();
  });

  it('suggests the one candidate a cut-short or run-on id belongs to', () => {
    expect(closest('wire-2031', ['wire-2031-03-04', 'rferl'])).toBe('wire-2031-03-04');
    expect(closest('rferl-2019-02-13-b', ['rferl-2019-02-13', 'nato'])).toBe('rferl-2019-02-13');
    // Two candidates begin with it: no guess.
    expect(closest('wire-2031', ['wire-2031-03-04', 'wire-2031-04-01'])).toBeUndefined();
    expect(closest('w', ['wire-2031-03-04'])).toBeUndefined();
  });
});

describe('problems as the user sees them', () => {
  it('formats as file:line:col: field: message', () => {
    const yaml = factsYaml(replace('  title: Test', '  titel: Test'));
    const { line, column } = positionOf(yaml, 'titel');
    const lines = parse(yaml).problems.map(formatProblem);
    expect(lines).toEqual([`${FILE}:${line}:${column}: meta.titel: unknown field: did you mean "title"? ("title" is required)`]);
  });
});

import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidFactsError, type Problem } from '../../src/errors.js';
import { loadFacts } from '../../src/facts/load.js';
import { actorQuoting, append, factsYaml, positionOf, removeTemp, replace, tempDir, writeDeck } from '../helpers.js';

let tmp: string;
beforeEach(async () => {
  tmp = await tempDir('all-at-once');
});
afterEach(() => removeTemp(tmp));

async function problemsOf(yaml: string): Promise<Problem[]> {
  const dir = await writeDeck(path.join(tmp, `deck-${Math.random().toString(36).slice(2)}`), yaml);
  try {
    await loadFacts(dir);
  } catch (err) {
    if (err instanceof InvalidFactsError) return [...err.problems];
    throw err;
  }
  return [];
}

describe('every error at once', () => {
  it('reports reference, date and quote errors beside the shape errors', async () => {
    const yaml = factsYaml(
      replace('as_of: 2020-01-15', 'as_of: 2020-02-30'),
      replace('  - text: Second judgement.\n    sources: [src-a]', '  - text: Second judgement.\n    sources: [nope]'),
      actorQuoting('We will retreat at once.'),
      append('  - id: un\n    name: United Nations\n    kind: organization\n    stance: Calls for talks.\n'),
      append('timeline:\n  - date: 2019\n    event: Something.\n    sources: [src-a]\n    whenn: later\n'),
    );
    const problems = await problemsOf(yaml);
    const byField = Object.fromEntries(problems.map((p) => [p.field, p]));
    // Shape: the actor's kind and the event's unknown field.
    expect(byField['actors[1].kind']!.message).toMatch(/did you mean "organisation"/);
    expect(byField['timeline[0].whenn']!.message).toMatch(/unknown field/);
    // Cross-checks of what the schema accepted, located in the file as written.
    expect(byField['meta.as_of']).toMatchObject({ ...positionOf(yaml, '2020-02-30'), message: expect.stringMatching(/February 2020 has 29 days/) });
    expect(byField['bottom_line[1].sources[0]']).toMatchObject({ ...positionOf(yaml, 'nope'), message: expect.stringMatching(/"nope"/) });
    expect(byField['actors[0].quotes[0].text']!.message).toMatch(/quote not found in source "src-a"/);
    expect(problems).toHaveLength(5);
  });

  it('locates what it finds in the entries the schema accepted by the field paths of the file', async () => {
    const yaml = factsYaml(
      replace('bottom_line:', 'background:\n  points:\n    - text: 42\n      sources: [src-a]\n    - text: Fine.\n      sources: [nowhere]\nbottom_line:'),
    );
    const problems = await problemsOf(yaml);
    expect(problems.map((p) => p.field)).toEqual(['background.points[0].text', 'background.points[1].sources[0]']);
    expect(problems[1]).toMatchObject(positionOf(yaml, 'nowhere'));
  });

  it('does not report references to an entry it had to set aside', async () => {
    // The second source is refused (its date), so citing it is not a second error; citing a
    // source that does not exist still is.
    const yaml = factsYaml(
      replace('sources:\n', 'sources:\n  - id: src-b\n    publisher: X\n    title: Y\n    date: soon\n'),
      replace('    sources: [src-a]\n  - text: Second', '    sources: [src-a, src-b, src-c]\n  - text: Second'),
    );
    const problems = await problemsOf(yaml);
    expect(problems.map((p) => p.field)).toEqual(['sources[0].date', 'bottom_line[0].sources[2]']);
    expect(problems[1]!.message).toMatch(/"src-c"/);
  });
});

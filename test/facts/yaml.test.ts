import { describe, expect, it } from 'vitest';
import { factsYaml, parse, positionOf, replace } from '../helpers.js';

const errorsOf = (yaml: string) => parse(yaml).problems.filter((p) => p.severity === 'error');

describe('YAML mistakes a newcomer makes, located where they are made', () => {
  it('a key indented further than the key above it, which has a value', () => {
    const yaml = factsYaml(replace('    title: Example headline', '      title: Example headline'));
    expect(errorsOf(yaml)).toEqual([
      expect.objectContaining({
        ...positionOf(yaml, 'title: Example'),
        message:
          'not valid YAML: `title:` is indented further than the line above, which already has a value: indent it by 4 spaces like `publisher:`, or if it is part of that value, put the whole value in double quotes',
      }),
    ]);
  });

  it('a key indented to no level of the map around it', () => {
    const yaml = factsYaml(replace('    title: Example headline', '   title: Example headline'));
    expect(errorsOf(yaml)).toEqual([
      expect.objectContaining({
        ...positionOf(yaml, 'title: Example'),
        message: expect.stringMatching(/^not valid YAML: `title:` is indented by 3 spaces, which lines it up with no key above it: indent it by 4 spaces like `publisher:`/),
      }),
    ]);
    const meta = factsYaml(replace('  prepared_by: Test desk', ' prepared_by: Test desk'));
    expect(errorsOf(meta)[0]).toMatchObject({ ...positionOf(meta, 'prepared_by'), message: expect.stringMatching(/indent it by 2 spaces like `as_of:`/) });
  });

  it('a top-level key indented under the section above', () => {
    const yaml = factsYaml(replace('bottom_line:', '  bottom_line:'));
    const [first] = errorsOf(yaml);
    expect(first).toMatchObject({ ...positionOf(yaml, 'bottom_line') });
    expect(first!.message).toMatch(/`bottom_line:` is indented/);
  });

  it('still says to quote a value that holds ": " (no indentation at fault)', () => {
    const yaml = factsYaml(replace('title: Test briefing', 'title: Note: the talks'));
    expect(errorsOf(yaml)[0]!.message).toMatch(/A value that contains ": " must be quoted/);
  });

  it('leaves a block scalar and a long plain value over several lines alone', () => {
    const block = factsYaml(replace('  - text: First judgement.', '  - text: |\n      First judgement,\n        indented more: fine.\n'));
    expect(errorsOf(block)).toEqual([]);
    const folded = factsYaml(replace('  - text: First judgement.', '  - text: First judgement,\n      over two lines.'));
    expect(errorsOf(folded)).toEqual([]);
  });

  it('names the key that appears twice, and where it first appears', () => {
    const yaml = factsYaml(replace('  marking: UNCLASSIFIED\n', '  marking: UNCLASSIFIED\n  marking: SECRET\n'));
    expect(errorsOf(yaml)).toEqual([
      expect.objectContaining({
        ...positionOf(yaml, 'marking', 2),
        message: `"marking" appears twice in the same map (first on line ${positionOf(yaml, 'marking').line}): keep one (YAML would silently drop the other)`,
      }),
    ]);
  });
});

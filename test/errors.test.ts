import { describe, expect, it } from 'vitest';
import { ExitCode, formatProblem, InvalidFactsError, type Problem } from '../src/errors.js';

const problem = (over: Partial<Problem>): Problem => ({
  severity: 'error',
  file: 'slides/x/facts.yaml',
  line: 3,
  column: 5,
  field: 'meta.titel',
  message: 'unknown field: did you mean "title"?',
  ...over,
});

describe('formatProblem', () => {
  it('writes file:line:col: field.path: message', () => {
    expect(formatProblem(problem({}))).toBe('slides/x/facts.yaml:3:5: meta.titel: unknown field: did you mean "title"?');
  });

  it('marks warnings after the position', () => {
    expect(formatProblem(problem({ severity: 'warning', field: 'sources[0].id', message: 'not cited' }))).toBe(
      'slides/x/facts.yaml:3:5: warning: sources[0].id: not cited',
    );
  });

  it('leaves out the position of a whole-file problem and an empty field', () => {
    expect(formatProblem(problem({ line: 0, column: 0, field: '', message: 'is empty' }))).toBe('slides/x/facts.yaml: is empty');
    expect(formatProblem(problem({ field: '', message: 'not valid YAML: x' }))).toBe('slides/x/facts.yaml:3:5: not valid YAML: x');
  });
});

describe('InvalidFactsError', () => {
  it('counts errors, not warnings, and exits with the invalid-facts code', () => {
    const err = new InvalidFactsError('f.yaml', [problem({}), problem({}), problem({ severity: 'warning' })]);
    expect(err.message).toBe('f.yaml: 2 errors; nothing was written');
    expect(err.exitCode).toBe(ExitCode.invalidFacts);
    expect(new InvalidFactsError('f.yaml', [problem({})]).message).toBe('f.yaml: 1 error; nothing was written');
  });
});

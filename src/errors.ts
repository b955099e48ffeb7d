/** A problem found in a user's input, located as precisely as the input allows. */
export interface Problem {
  severity: 'error' | 'warning';
  /** Path of the file, as the user named it (relative to the working directory where possible). */
  file: string;
  /** 1-based; 0 when the problem concerns the file as a whole. */
  line: number;
  column: number;
  /** Dotted field path such as `actors[2].quotes[0].text`; empty for the whole file. */
  field: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const where = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  const tag = p.severity === 'warning' ? 'warning: ' : '';
  return p.field ? `${where}: ${tag}${p.field}: ${p.message}` : `${where}: ${tag}${p.message}`;
}

export const ExitCode = {
  ok: 0,
  invalidFacts: 1,
  usage: 2,
  /** The environment could not do the work: no browser, export failed or timed out. */
  environment: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/**
 * An error the user can act on. The CLI prints its message (and problems) without a stack
 * and exits with its code; any other error is a bug and keeps its stack.
 */
export class BriefdeckError extends Error {
  readonly exitCode: ExitCode;
  readonly problems: readonly Problem[];

  constructor(message: string, exitCode: ExitCode, problems: readonly Problem[] = []) {
    super(message);
    this.name = 'BriefdeckError';
    this.exitCode = exitCode;
    this.problems = problems;
  }
}

export class InvalidFactsError extends BriefdeckError {
  constructor(file: string, problems: readonly Problem[]) {
    const errors = problems.filter((p) => p.severity === 'error').length;
    super(`${file}: ${errors} error${errors === 1 ? '' : 's'}; nothing was written`, ExitCode.invalidFacts, problems);
    this.name = 'InvalidFactsError';
  }
}

export class UsageError extends BriefdeckError {
  constructor(message: string) {
    super(message, ExitCode.usage);
    this.name = 'UsageError';
  }
}

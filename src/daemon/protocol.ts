/**
 * What a client and the build daemon say to each other over the socket: one JSON object per
 * line. The client sends one request; the daemon answers with the command's output, line by
 * line, then its exit code, and closes.
 */
export type DaemonRequest = { token: string } & (
  | {
      kind: 'run';
      argv: string[];
      cwd: string;
      env: Record<string, string>;
      /** The client's standard output, for live progress lines on a terminal. */
      stdout: { isTTY: boolean; columns?: number };
      /** The client's umask, for the files the command writes. */
      umask: number;
    }
  | { kind: 'status' }
  | { kind: 'stop' }
);

export type DaemonReply =
  | { out: string }
  | { err: string }
  /** Progress text, written as it is (it may redraw lines on a terminal). */
  | { progress: string }
  | { exit: number }
  | { status: DaemonStatus }
  /** The token was wrong: the daemon runs nothing for this client. */
  | { refused: string };

export interface DaemonStatus {
  pid: number;
  version: string;
  node: string;
  startedAt: string;
  /** Commands run so far. */
  runs: number;
  /** Chromium launches so far: a warm browser serves many builds. */
  browserLaunches: number;
  idleMinutes: number;
}

/** Splits a byte stream into the JSON lines of the protocol. */
export function lineReader(onMessage: (message: unknown) => void): (chunk: Buffer | string) => void {
  let rest = '';
  return (chunk) => {
    rest += chunk.toString();
    for (let end = rest.indexOf('\n'); end >= 0; end = rest.indexOf('\n')) {
      const line = rest.slice(0, end);
      rest = rest.slice(end + 1);
      if (line.trim() !== '') onMessage(JSON.parse(line));
    }
  };
}

import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { BrowserPool } from '../browser/pool.js';
import { browserFor, type BrowserChoice } from '../commands/browser.js';
import { build, type DeckEvent } from '../commands/build-all.js';
import { check } from '../commands/check.js';
import { resolveDecks, SLIDES_DIR } from '../commands/decks.js';
import { parseShard, shardOf, type Shard } from '../commands/shard.js';
import { BriefdeckError, ExitCode, formatProblem, UsageError, type Problem } from '../errors.js';
import { displayPath } from '../facts/load.js';
import { BROWSER_ENV } from '../browser/find.js';
import { DAEMON_ENV } from '../daemon/address.js';
import { VERSION } from '../package-root.js';
import { findConfig, type Config } from './config.js';
import { deckSummaries, DeckTimer, warningsOf } from './summary.js';
import { Progress, type ProgressStream } from './progress.js';
import { closeOnSignals, untilSignal } from './shutdown.js';

export interface BuildCliOptions {
  out: string;
  pdf: boolean;
  /** A built-in theme or a brand file; the facts' meta.theme, else briefing, when absent. */
  theme?: string;
  jobs: number;
  timeout: number;
  force?: boolean;
  changesSince?: string;
  watch?: boolean;
  handout?: boolean;
  pptx?: boolean;
  quiet?: boolean;
  json?: boolean;
  shard?: Shard;
  strict?: boolean;
}

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Where build progress goes; a TTY gets live lines. Defaults to stdout. */
  progress?: ProgressStream;
  /** Where the config file is looked for (and upwards); defaults to the working directory. */
  cwd?: string;
  /**
   * The browser for a build, kept by the caller between commands (the daemon's, warm): the
   * command neither closes it nor handles signals for it. By default each build starts its own.
   */
  browsers?: (choice: BrowserChoice) => BrowserPool | undefined;
}

const defaultIO: CliIO = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

const THEME_HELP = "a built-in theme (briefing, dark) or a brand file (.yaml); overrides the facts' meta.theme (default: meta.theme, else briefing)";

const EXAMPLES = `
Examples:
  $ briefdeck new slides/my-topic          a commented starter deck that builds as it is
  $ briefdeck check                        validate every deck in slides/, write nothing
  $ briefdeck build slides/inf-treaty      HTML, Markdown and PDF in build/inf-treaty/
  $ briefdeck build --no-pdf               every deck, HTML and Markdown only (no browser)
  $ briefdeck build --shard 2/4 --json     this CI job's quarter of the decks, one JSON line per deck
  $ briefdeck serve                        preview at http://127.0.0.1:8080/ with live reload
  $ briefdeck daemon start                 keep briefdeck (and Chromium) warm: later builds start at once

Environment:
  ${BROWSER_ENV.join(', ')}
                      the Chrome or Chromium to print PDFs with (first one set wins);
                      otherwise briefdeck looks on PATH and in the usual install folders
  ${DAEMON_ENV}=off
                      run build and check here even when a daemon is running

Config file:
  briefdeck.config.json, briefdeck.config.yaml or a "briefdeck" key in package.json, in the
  working folder or the nearest folder above it, sets defaults for build and serve: theme, out,
  pdf, handout, pptx, jobs, timeout. Options on the command line win over it.

Exit codes: 0 done, 1 invalid facts, 2 usage error, 3 no browser or export failed.`;

/**
 * What only some commands run is loaded when they run: serve and --watch (an HTTP server, a
 * file watcher), new, draft and schema. A build starts without them.
 */
const startLive = async (...args: Parameters<typeof import('./live.js').startLive>) => (await import('./live.js')).startLive(...args);

/**
 * The composition root: parses arguments, applies the config file, wires the commands and the
 * one browser, turns BriefdeckErrors into messages and exit codes. Anything else is a bug and
 * keeps its stack.
 */
export async function runCli(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const worst = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  const printProblems = (problems: readonly Problem[]) => problems.forEach((p) => io.err(formatProblem(p)));

  const program = new Command('briefdeck')
    .description('Sourced facts (YAML) → Markdown slides → reveal.js deck → PDF handout.')
    .version(VERSION, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help (also: briefdeck help <command>)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(run briefdeck --help for usage)')
    .addHelpText('after', EXAMPLES);

  // The config file fills in every option not given on the command line.
  program.hook('preAction', async (_program, command) => {
    if (!['build', 'serve'].includes(command.name())) return;
    const config = await findConfig(io.cwd);
    if (!config) return;
    for (const [key, value] of Object.entries(config.values) as [keyof Config, unknown][]) {
      const source = command.getOptionValueSource(key);
      if (source === 'cli' || source === 'env' || !command.options.some((o) => o.attributeName() === key)) continue;
      command.setOptionValueWithSource(key, value, 'config');
    }
  });

  program
    .command('build')
    .description('build decks: slides.md, index.html and the PDF in <out>/<deck>/ (default: every deck in slides/)')
    .argument('[decks...]', 'deck folders, e.g. slides/inf-treaty')
    .option('-o, --out <dir>', 'output folder', 'build')
    .option('--no-pdf', 'build the HTML and Markdown only; needs no browser')
    .option('--theme <name|file>', THEME_HELP)
    .addOption(
      new Option('-j, --jobs <n>', 'decks built at once').default(availableParallelism(), 'number of cores').argParser(positiveInteger),
    )
    .addOption(
      new Option('--timeout <seconds>', 'time allowed for each browser step').default(30).argParser(positiveNumber),
    )
    .option('--force', 'rebuild decks even when nothing changed')
    .option('--changes-since <ref>', 'add a "What\'s new" slide: earlier facts.yaml, a build/<deck>/facts.json snapshot, or a git revision')
    .option('-w, --watch', 'keep running and rebuild a deck whenever its facts, sources or theme change')
    .option('--handout', 'also print <deck>-handout.pdf: one A4 page per slide with its speaker notes and sources')
    .option('--pptx', 'also write <deck>.pptx: the same slides as an editable PowerPoint file')
    .option('--no-pptx', 'no .pptx, even if the config file asks for one')
    .addOption(new Option('--shard <i/n>', 'build only share i of n (for n CI jobs): disjoint shares that together hold every deck').argParser(parseShard))
    .option('-q, --quiet', 'print only warnings and errors')
    .option('--json', 'print one JSON summary per deck on stdout (status, slides, outputs, warnings, timings)')
    .option('--strict', 'fail on quotes not checked against a source or not attributed by it, and on leftover TODO markers')
    .action(async (decks: string[], opts: BuildCliOptions) => {
      if (opts.handout && opts.watch) throw new UsageError('--handout is not made in --watch mode: run build --handout once the facts are final');
      if (opts.json && opts.watch) throw new UsageError('--json summarises one build: it cannot be combined with --watch');
      if (opts.watch) {
        const session = await startLive(await resolveDecks(decks), { ...opts, discover: discoverIn(decks) }, io);
        io.out(`watching ${session.rebuilder.status().length} deck(s); press Ctrl-C to stop`);
        worst(await untilSignal(session.close));
        return;
      }
      const lent = io.browsers;
      const pool = lent ? lent(opts) : browserFor(opts);
      const releaseSignals = lent ? () => {} : closeOnSignals(pool);
      const quiet = opts.quiet || opts.json;
      let progress: Progress | undefined;
      const timer = new DeckTimer();
      const onEvent = (event: DeckEvent) => {
        timer.update(event);
        progress?.update(event);
      };
      try {
        const all = await resolveDecks(decks);
        const dirs = opts.shard ? shardOf(all, opts.shard) : all;
        if (!quiet) {
          if (opts.shard) io.out(`shard ${opts.shard.index}/${opts.shard.count}: ${dirs.length} of ${all.length} decks`);
          progress = new Progress(io.progress ?? process.stdout, dirs.map((d) => path.basename(d)));
        }
        const result = await build(dirs, {
          jobs: opts.jobs,
          out: opts.out,
          pool,
          pdf: opts.pdf,
          theme: opts.theme,
          force: opts.force,
          changesSince: opts.changesSince,
          handout: opts.handout,
          strict: opts.strict,
          pptx: opts.pptx,
          warn: io.err,
          onEvent,
          // Chromium shuts down while the last PDF is finished and written, unless it is lent.
          releaseBrowser: !lent,
        });
        progress?.finish(displayPath(path.resolve(opts.out)));
        for (const r of result.built) {
          if (!quiet) for (const action of r.fitted) io.out(`  ${r.name}: ${action}`);
          if (!quiet) for (const file of r.removed) io.out(`  ${r.name}: removed ${file}: it was made from earlier facts, not by this build`);
          warningsOf(r).forEach((w) => io.err(w));
        }
        for (const { deck, error } of result.failed) {
          printProblems(error.problems);
          io.err(`✗ ${deck}: ${error.message}`);
          worst(error.exitCode);
        }
        if (opts.json) {
          for (const summary of await deckSummaries(dirs, result, opts.out, timer)) io.out(JSON.stringify(summary));
        }
      } finally {
        if (!lent) await pool?.close();
        releaseSignals();
      }
    });

  program
    .command('serve')
    .description('preview decks in the browser with live reload; rebuilds on every save (default: every deck in slides/)')
    .argument('[decks...]', 'deck folders')
    .option('-p, --port <port>', 'port to listen on', '8080')
    .option('--host <address>', 'address to listen on (127.0.0.1 keeps it on this machine)', '127.0.0.1')
    .option('-o, --out <dir>', 'output folder', 'build')
    .option('--no-pdf', 'skip the background PDF export')
    .option('--pptx', 'also write <deck>.pptx after each rebuild: the same slides as an editable PowerPoint file')
    .option('--no-pptx', 'no .pptx, even if the config file asks for one')
    .option('--theme <name|file>', THEME_HELP)
    .option('--changes-since <ref>', 'add a "What\'s new" slide compared with earlier facts')
    .addOption(
      new Option('--timeout <seconds>', 'time allowed for each browser step').default(30).argParser(positiveNumber),
    )
    .action(async (decks: string[], opts: BuildCliOptions & { port: string; host: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port takes a port number, not "${opts.port}"`);
      const session = await startLive(await resolveDecks(decks), { ...opts, discover: discoverIn(decks) }, io, { host: opts.host, port });
      io.out(`serving ${session.rebuilder.status().length} deck(s) at ${session.server!.url} — press Ctrl-C to stop`);
      worst(await untilSignal(session.close));
    });

  program
    .command('check')
    .description('validate facts and verify quotes, without building (default: every deck in slides/)')
    .argument('[decks...]', 'deck folders')
    .option('--json', 'print one JSON summary per deck on stdout (status, slides, warnings, errors)')
    .option('--strict', 'fail on quotes not checked against a source or not attributed by it, and on leftover TODO markers')
    .action(async (decks: string[], opts: { json?: boolean; strict?: boolean }) => {
      for (const r of await check(decks, { strict: opts.strict })) {
        const warnings = r.problems.filter((p) => p.severity === 'warning');
        const errors = r.problems.filter((p) => p.severity === 'error');
        if (opts.json) {
          io.out(JSON.stringify({ deck: r.deck, file: r.file, status: r.ok ? 'valid' : 'invalid', slides: r.slides, warnings: warnings.map(formatProblem), errors: errors.map(formatProblem), ...(r.error ? { message: r.error.message } : {}) }));
        } else {
          printProblems(r.problems);
        }
        if (r.ok) {
          const n = warnings.length;
          if (!opts.json) io.out(`✓ ${r.file}: valid, ${r.slides} slides${n ? `, ${n} warning${n === 1 ? '' : 's'}` : ''}`);
        } else {
          if (!opts.json) io.err(`✗ ${r.error!.message}`);
          worst(r.error!.exitCode);
        }
      }
    });

  program
    .command('new')
    .description('create a deck folder with a commented starter facts file')
    .argument('<folder>', 'the new deck folder, e.g. slides/my-topic')
    .action(async (folder: string) => {
      const { createDeck } = await import('../commands/new.js');
      const written = await createDeck(folder);
      for (const f of written) io.out(`created ${displayPath(f)}`);
      io.out(`next: edit ${displayPath(written[0]!)}, then run: npx briefdeck build ${folder}`);
    });

  program
    .command('draft')
    .description('draft a deck from articles: source copies and a facts.yaml with quotes, speakers, actors, timeline and TODOs')
    .argument('<articles...>', 'plain-text articles, then optionally the new deck folder (default: slides/<first article>)')
    .action(async (args: string[]) => {
      const { draftDeck } = await import('../commands/draft.js');
      const drafted = await draftDeck(args);
      for (const f of drafted.written) io.out(`created ${displayPath(f)}`);
      const deck = displayPath(path.dirname(drafted.factsFile));
      io.out(`${drafted.todos} TODO${drafted.todos === 1 ? '' : 's'} to resolve in ${displayPath(drafted.factsFile)}; then run: npx briefdeck check ${deck} --strict && npx briefdeck build ${deck}`);
    });

  program
    .command('schema')
    .description('print the JSON Schema of facts files (for editor completion and checks)')
    .option('-o, --out <file>', 'write it to a file instead')
    .action(async (opts: { out?: string }) => {
      const { schemaText, writeSchema } = await import('../commands/schema.js');
      if (opts.out) {
        await writeSchema(opts.out);
        io.out(`wrote ${opts.out}`);
      } else {
        io.out(schemaText().trimEnd());
      }
    });

  program
    .command('daemon')
    .description('keep briefdeck running between commands: build and check then start warm, and PDFs print with a warm Chromium')
    .argument('<action>', 'start, stop, status, or run (in the foreground)')
    .addOption(new Option('--idle <minutes>', 'stop after this long without a command').default(30).argParser(positiveMinutes))
    .action(async (action: string, opts: { idle: number }) => {
      const { daemonCommand } = await import('../daemon/command.js');
      worst(await daemonCommand(action, { idleMs: opts.idle * 60_000 }, io, (argv, runIo) => runCli(argv, runIo)));
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.exitCode === 0
        ? ExitCode.ok
        : ExitCode.usage;
    }
    if (err instanceof BriefdeckError) {
      printProblems(err.problems);
      io.err(`briefdeck: ${err.message}`);
      return err.exitCode;
    }
    io.err(`briefdeck: internal error, please report it with the command you ran:`);
    io.err(err instanceof Error ? (err.stack ?? err.message) : String(err));
    return 70;
  }
  return exitCode;
}

/** With no deck named, new deck folders created in slides/ while running are picked up. */
function discoverIn(named: readonly string[]): string | undefined {
  return named.length === 0 ? path.resolve(SLIDES_DIR) : undefined;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--timeout takes a number of seconds, not "${value}"`);
  return n;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`--jobs takes a whole number of decks, not "${value}"`);
  return n;
}

function positiveMinutes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--idle takes a number of minutes, not "${value}"`);
  return n;
}

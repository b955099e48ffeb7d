import { writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { BrowserPool } from '../browser/pool.js';
import { buildAll } from '../commands/build-all.js';
import { resolveDecks, SLIDES_DIR } from '../commands/decks.js';
import { startLive } from '../commands/live.js';
import { createDeck } from '../commands/new.js';
import { BriefdeckError, ExitCode, formatProblem, UsageError, type Problem } from '../errors.js';
import { displayPath, loadFacts } from '../facts/load.js';
import { factsJsonSchema } from '../facts/schema.js';
import { estimated } from '../layout/metrics.js';
import { pack } from '../layout/pack.js';
import { composeDeck } from '../model/compose.js';
import { VERSION } from '../package-root.js';
import { Progress, type ProgressStream } from './progress.js';
import { resolveTheme, themeChoice } from '../theme/theme.js';
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
}

export interface CliIO {
  out: (line: string) => void;
  err: (line: string) => void;
  /** Where build progress goes; a TTY gets live lines. Defaults to stdout. */
  progress?: ProgressStream;
}

const defaultIO: CliIO = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};

/**
 * The composition root: parses arguments, wires the stages and the one browser, turns
 * BriefdeckErrors into messages and exit codes. Anything else is a bug and keeps its stack.
 */
export async function runCli(argv: readonly string[], io: CliIO = defaultIO): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const worst = (code: number) => {
    exitCode = Math.max(exitCode, code);
  };
  const printProblems = (problems: readonly Problem[]) => problems.forEach((p) => io.err(formatProblem(p)));

  const program = new Command('briefdeck')
    .description('Sourced facts (YAML) → Markdown slides → reveal.js deck → PDF handout.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError('(run briefdeck --help for usage)');

  program
    .command('build')
    .description('build decks: slides.md, index.html and the PDF in <out>/<deck>/ (default: every deck in slides/)')
    .argument('[decks...]', 'deck folders, e.g. slides/inf-treaty')
    .option('-o, --out <dir>', 'output folder', 'build')
    .option('--no-pdf', 'build the HTML and Markdown only; needs no browser')
    .option('--theme <name|file>', 'a built-in theme (briefing, dark) or a brand file (.yaml); overrides the facts\' meta.theme (default: briefing)')
    .addOption(
      new Option('-j, --jobs <n>', 'decks built at once').default(availableParallelism()).argParser(positiveInteger),
    )
    .addOption(
      new Option('--timeout <seconds>', 'time allowed for each browser step').default(30).argParser(positiveNumber),
    )
    .option('--force', 'rebuild decks even when nothing changed')
    .option('--changes-since <ref>', 'add a "What\'s new" slide: earlier facts.yaml, a build/<deck>/facts.json snapshot, or a git revision')
    .option('-w, --watch', 'keep running and rebuild a deck whenever its facts, sources or theme change')
    .option('--handout', 'also print <deck>-handout.pdf: one A4 page per slide with its speaker notes and sources')
    .option('--pptx', 'also write <deck>.pptx: the same slides as an editable PowerPoint file')
    .action(async (decks: string[], opts: BuildCliOptions) => {
      if (opts.handout && !opts.pdf) throw new UsageError('--handout is a PDF: it cannot be combined with --no-pdf');
      if (opts.handout && opts.watch) throw new UsageError('--handout is not made in --watch mode: run build --handout once the facts are final');
      if (opts.pptx && opts.watch) throw new UsageError('--pptx is not made in --watch mode: run build --pptx once the facts are final');
      if (opts.watch) {
        const session = await startLive(await resolveDecks(decks), { ...opts, discover: discoverIn(decks) }, io);
        io.out(`watching ${session.rebuilder.status().length} deck(s); press Ctrl-C to stop`);
        worst(await untilSignal(session.close));
        return;
      }
      const dirs = await resolveDecks(decks);
      const pool = opts.pdf ? new BrowserPool({ timeoutMs: opts.timeout * 1000, handleSignals: false }) : undefined;
      const releaseSignals = closeOnSignals(pool);
      const progress = new Progress(io.progress ?? process.stdout, dirs.map((d) => path.basename(d)));
      try {
        const { built, failed } = await buildAll(dirs, {
          jobs: opts.jobs,
          outRoot: opts.out,
          pool,
          theme: opts.theme,
          force: opts.force,
          changesSince: opts.changesSince,
          handout: opts.handout,
          pptx: opts.pptx,
          warn: io.err,
          onEvent: (event) => progress.update(event),
        });
        progress.finish(displayPath(path.resolve(opts.out)));
        for (const r of built) {
          for (const action of r.fitted) io.out(`  ${r.name}: ${action}`);
          for (const file of r.removed) io.out(`  ${r.name}: removed ${file}: it was made from earlier facts, not by this build`);
          printProblems(r.facts.problems);
          for (const c of r.handoutCrowded) {
            io.err(`${r.facts.file}: warning: the handout page of slide "${c.title}" (#${c.id}) cuts its speaker notes short to fit the page: shorten them`);
          }
          for (const url of r.blocked) io.err(`${r.facts.file}: warning: blocked a request outside the deck folder: ${url}`);
        }
        for (const { deck, error } of failed) {
          printProblems(error.problems);
          io.err(`✗ ${deck}: ${error.message}`);
          worst(error.exitCode);
        }
      } finally {
        await pool?.close();
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
    .option('--theme <name|file>', 'a built-in theme (briefing, dark) or a brand file (.yaml); overrides the facts\' meta.theme (default: briefing)')
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
    .action(async (decks: string[]) => {
      for (const dir of await resolveDecks(decks)) {
        try {
          const loaded = await loadFacts(dir);
          // The facts' theme too: a brand file is checked as carefully as the facts.
          await resolveTheme(themeChoice(undefined, loaded.facts.meta.theme), loaded.deckDir, loaded.file);
          const slides = pack(composeDeck(loaded.facts), estimated).slides.length;
          printProblems(loaded.problems);
          const warnings = loaded.problems.length;
          io.out(`✓ ${loaded.file}: valid, ${slides} slides${warnings ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}`);
        } catch (err) {
          if (!(err instanceof BriefdeckError) || err.exitCode === ExitCode.usage) throw err;
          printProblems(err.problems);
          io.err(`✗ ${err.message}`);
          worst(err.exitCode);
        }
      }
    });

  program
    .command('new')
    .description('create a deck folder with a commented starter facts file')
    .argument('<folder>', 'the new deck folder, e.g. slides/my-topic')
    .action(async (folder: string) => {
      const written = await createDeck(folder);
      for (const f of written) io.out(`created ${displayPath(f)}`);
      io.out(`next: edit ${displayPath(written[0]!)}, then run: npx briefdeck build ${folder}`);
    });

  program
    .command('schema')
    .description('print the JSON Schema of facts files (for editor completion and checks)')
    .option('-o, --out <file>', 'write it to a file instead')
    .action(async (opts: { out?: string }) => {
      const text = JSON.stringify(factsJsonSchema(), null, 2) + '\n';
      if (opts.out) {
        await writeFile(opts.out, text);
        io.out(`wrote ${opts.out}`);
      } else {
        io.out(text.trimEnd());
      }
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

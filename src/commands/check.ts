import path from 'node:path';
import { BriefdeckError, ExitCode, type Problem } from '../errors.js';
import { loadFacts } from '../facts/load.js';
import { estimated } from '../layout/metrics.js';
import { pack } from '../layout/pack.js';
import { composeDeck } from '../model/compose.js';
import { resolveTheme, themeChoice } from '../theme/theme.js';
import { resolveDecks } from './decks.js';

export interface CheckResult {
  /** The deck's folder name. */
  deck: string;
  /** The facts file, as shown in messages. */
  file: string;
  ok: boolean;
  /** Slides the deck makes, when valid. */
  slides?: number;
  /** Every error and warning, located. */
  problems: readonly Problem[];
  /** Why the deck is not valid, when it is not. */
  error?: BriefdeckError;
}

/**
 * Validates one deck without building it: facts, references, dates, quotes against their
 * sources and the theme the facts name (a brand file is checked as carefully as the facts).
 * Invalid input is a result, not a throw; only a bug throws.
 */
export async function checkDeck(deckDir: string): Promise<CheckResult> {
  const deck = path.basename(path.resolve(deckDir));
  try {
    const loaded = await loadFacts(deckDir);
    await resolveTheme(themeChoice(undefined, loaded.facts.meta.theme), loaded.deckDir, loaded.file);
    const slides = pack(composeDeck(loaded.facts), estimated).slides.length;
    return { deck, file: loaded.file, ok: true, slides, problems: loaded.problems };
  } catch (err) {
    if (!(err instanceof BriefdeckError) || err.exitCode === ExitCode.usage) throw err;
    return { deck, file: err.problems[0]?.file ?? deckDir, ok: false, problems: err.problems, error: err };
  }
}

/**
 * `check`: validates decks (named folders, or every deck under slides/ of `cwd`), in order.
 * A missing deck folder throws a UsageError; invalid facts are reported in the results.
 */
export async function check(decks: readonly string[] = [], options: { cwd?: string } = {}): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const dir of await resolveDecks(decks, options.cwd)) results.push(await checkDeck(dir));
  return results;
}

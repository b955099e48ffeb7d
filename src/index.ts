// The library: what the command line does, callable from a script. `build` and `check` are the
// commands themselves; the stages below them are exported for those who compose their own.
export { build, buildAll, type BuildAllResult, type BuildDecksOptions, type DeckEvent } from './commands/build-all.js';
export { check, checkDeck, type CheckResult } from './commands/check.js';
export { parseShard, shardOf, type Shard } from './commands/shard.js';
export { buildDeck, renderDeck, type BuildOptions, type BuildResult } from './commands/build.js';
export { resolveDecks } from './commands/decks.js';
export { createDeck } from './commands/new.js';
export { schemaText } from './commands/schema.js';
export { BriefdeckError, ExitCode, formatProblem, InvalidFactsError, UsageError, type Problem } from './errors.js';
export { checkFacts } from './facts/check.js';
export { loadFacts, type LoadedFacts } from './facts/load.js';
export { parseFacts } from './facts/parse.js';
export { verifyQuote } from './facts/quotes.js';
export { Facts, factsJsonSchema } from './facts/schema.js';
export { composeDeck } from './model/compose.js';
export { pack } from './layout/pack.js';
export type { Block, Deck, Run, Slide, SectionId } from './model/deck.js';
export { toMarkdown } from './markdown/serialize.js';
export { renderHtml } from './html/render.js';
export { exportPdf } from './pdf/export.js';
export { BrowserPool } from './browser/pool.js';
export { findBrowser } from './browser/find.js';
export { VERSION } from './package-root.js';
export type { DeckSummary } from './cli/summary.js';

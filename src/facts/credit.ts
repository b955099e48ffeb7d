/**
 * Whether a quote is credited to whoever the source says said it: the facts' claim (a person,
 * the actor's own statement, or someone unnamed) against the source's attribution (from
 * src/attribution). Pure. Errs on the side of "undecided": a quote is called wrongly credited
 * only when the source clearly names someone else.
 */
import { attribute, type Attribution } from '../attribution/index.js';
import type { SourceText, Span } from './quotes.js';
import type { Actor, Quote } from './schema.js';

/** Who the facts say said a quote. */
export type Claim =
  | { kind: 'person'; name: string; role?: string; actor?: ClaimedActor }
  | { kind: 'statement'; actor: ClaimedActor }
  | { kind: 'anonymous'; description: string; actor?: ClaimedActor };

export interface ClaimedActor {
  name: string;
  /** Other names the source uses for it ("the Union", a capital for its government). */
  aliases?: readonly string[];
  /** The people who speak for it in the facts. */
  speakers?: readonly string[];
}

/** What the source says, as src/attribution answers it. */
export type SourceAttribution = Pick<Attribution, 'kind' | 'name' | 'descriptor' | 'actor' | 'confidence'>;

export type CreditVerdict =
  | { verdict: 'right' }
  | { verdict: 'wrong'; credited: string }
  | { verdict: 'undecided'; why: string };

/** Below this the source's attribution is a guess (src/attribution asks a human below it too). */
export const DECISIVE_CONFIDENCE = 0.6;
/**
 * Calling one person's quote another person's needs more: which of two people a pronoun or a
 * bare role means is where attribution errs, while whether a person, an organisation or an
 * unnamed source speaks is read from the said-clause itself. Below it, that disagreement is a
 * warning.
 */
export const OTHER_PERSON_CONFIDENCE = 0.85;

/**
 * Checks a quote found in its source (at `spans`, the parts of an elided quote) against whom
 * the source credits with it. The first part decides: that is where a said-clause attaches.
 */
export function judgeSourceCredit(source: SourceText, spans: readonly Span[], claim: Claim): CreditVerdict {
  const first = spans[0]!;
  return judgeCredit(claim, attribute(source.text, { start: first.start, end: first.end }));
}

export function judgeCredit(claim: Claim, said: SourceAttribution): CreditVerdict {
  const verdict = judgeAtAnyConfidence(claim, said);
  if (verdict.verdict === 'wrong' && claim.kind === 'person' && said.kind === 'person' && said.confidence < OTHER_PERSON_CONFIDENCE) {
    return { verdict: 'undecided', why: `the source seems to credit ${verdict.credited}, but not clearly enough to be sure` };
  }
  return verdict;
}

function judgeAtAnyConfidence(claim: Claim, said: SourceAttribution): CreditVerdict {
  if (said.kind === 'unknown' || said.confidence < DECISIVE_CONFIDENCE) {
    return { verdict: 'undecided', why: 'the source names no one it can be attributed to with confidence' };
  }
  const credited = describe(said);
  if (said.kind === 'person') {
    if (claim.kind === 'person') {
      if (said.name !== undefined) return samePerson(claim.name, said.name) ? right : { verdict: 'wrong', credited };
      // Only a role ("the minister"): right when it is the claimed person's, else unknown.
      if (said.descriptor !== undefined && claim.role !== undefined && within(said.descriptor, claim.role)) return right;
      return { verdict: 'undecided', why: `the source credits "${said.descriptor ?? 'someone'}" without a name` };
    }
    if (said.name === undefined) return { verdict: 'undecided', why: `the source credits "${said.descriptor ?? 'someone'}"` };
    return { verdict: 'wrong', credited };
  }
  if (said.kind === 'statement') {
    if (claim.kind === 'statement') {
      if (said.actor === undefined) return { verdict: 'undecided', why: 'the source does not say whose statement it is' };
      return sameActor(claim.actor, said.actor) ? right : { verdict: 'wrong', credited };
    }
    return { verdict: 'wrong', credited };
  }
  // Anonymous in the source.
  if (claim.kind === 'anonymous') return right;
  return { verdict: 'wrong', credited };
}

const right: CreditVerdict = { verdict: 'right' };

/** How the error names whom the source credits: "Estmark" (statement), "Jens Stoltenberg". */
export function describe(said: SourceAttribution): string {
  if (said.kind === 'statement') return `"${said.actor ?? 'an organisation'}" (statement)`;
  if (said.kind === 'anonymous') return `"${said.descriptor ?? 'an unnamed source'}" (unnamed)`;
  return `"${said.name ?? said.descriptor ?? 'someone'}"`;
}

/** How the facts' claim is named in messages. */
export function describeClaim(claim: Claim): string {
  if (claim.kind === 'person') return `"${claim.name}"`;
  if (claim.kind === 'statement') return `"${claim.actor.name}" (statement)`;
  return `"${claim.description}" (unnamed)`;
}

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019']/g, "'")
    .toLowerCase()
    .replace(/'s\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const STOP = new Set(['the', 'a', 'an', 'of', 'and', 'la', 'le', 'les', 'l', 'du', 'de', 'des', 'd', 'et', 'der', 'die', 'das', 'el', 'los']);
const tokens = (text: string) => fold(text).split(' ').filter((t) => t && !STOP.has(t));

/** Same person: the same full name, or the source uses the surname (or the names it gives all match). */
export function samePerson(claimed: string, said: string): boolean {
  const a = tokens(claimed);
  const b = tokens(said);
  if (a.length === 0 || b.length === 0) return false;
  return b.every((t) => a.includes(t)) || a.every((t) => b.includes(t));
}

function sameActor(claimed: ClaimedActor, said: string): boolean {
  const names = [claimed.name, ...(claimed.aliases ?? [])];
  const s = tokens(said);
  if (s.length === 0) return false;
  return names.some((n) => {
    const t = tokens(n);
    return t.length > 0 && (s.every((x) => t.includes(x)) || t.every((x) => s.includes(x)));
  });
}

/** Every word of `a` is in `b`: "the foreign minister" is within "Foreign Minister", "the prime minister" is not. */
function within(a: string, b: string): boolean {
  const x = tokens(a);
  const y = new Set(tokens(b));
  return x.length > 0 && x.every((t) => y.has(t));
}

/** The facts' claim for a quote: its speaker, its anonymous description, or its actor's statement. */
export function claimOf(quote: Quote, actor: Actor | undefined): Claim | undefined {
  const claimed = actor && {
    name: actor.name,
    aliases: actor.aliases,
    speakers: actor.speakers?.map((s) => s.name),
  };
  if (quote.speaker !== undefined) {
    const role = actor?.speakers?.find((s) => s.name === quote.speaker)?.role;
    return { kind: 'person', name: quote.speaker, ...(role ? { role } : {}), ...(claimed ? { actor: claimed } : {}) };
  }
  if (quote.anonymous !== undefined) return { kind: 'anonymous', description: quote.anonymous, ...(claimed ? { actor: claimed } : {}) };
  return claimed && { kind: 'statement', actor: claimed };
}

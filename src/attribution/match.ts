import type { Attribution } from './types.js';
import { fold } from './text.js';

/**
 * Whether a speaker written in a facts file ("Jens Stoltenberg", "NATO", "a senior official")
 * is the one the article credits. 'yes' and 'no' only when the attribution is sure enough;
 * otherwise 'unsure', so a check can warn instead of failing on a guess.
 */
export function speakerMatches(claimed: string, a: Attribution, aliases: readonly string[] = []): 'yes' | 'no' | 'unsure' {
  if (a.kind === 'unknown' || a.confidence < 0.6) return 'unsure';
  const names = [claimed, ...aliases].map(fold);
  const last = (s: string) => s.split(' ').at(-1)!;
  // A person: the same name, or a surname standing for the full name on one side.
  const samePerson = (x: string | undefined) =>
    !!x && names.some((n) => n === fold(x) || ((!n.includes(' ') || !fold(x).includes(' ')) && last(n) === last(fold(x))));
  const sameActor = (x: string | undefined) => !!x && names.includes(fold(x));
  if (a.kind === 'person') return samePerson(a.name) ? 'yes' : 'no';
  if (a.kind === 'statement') return sameActor(a.actor) ? 'yes' : 'no';
  // Anonymous: the facts must not put a name on an unnamed source.
  const d = fold(a.descriptor ?? '');
  return names.some((n) => n && (d.includes(n) || n.includes(d))) ? 'yes' : sameActor(a.actor) ? 'unsure' : 'no';
}

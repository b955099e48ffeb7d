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
  const same = (x: string | undefined) => {
    if (!x) return false;
    const f = fold(x);
    return names.some((n) => n === f || (n.includes(' ') && f.endsWith(' ' + n.split(' ').at(-1)!) && f.split(' ').at(-1) === n.split(' ').at(-1)) || n.endsWith(' ' + f));
  };
  if (a.kind === 'person') return same(a.name) ? 'yes' : 'no';
  if (a.kind === 'statement') return same(a.actor) ? 'yes' : 'no';
  // Anonymous: the facts must not put a name on an unnamed source.
  const d = fold(a.descriptor ?? '');
  return names.some((n) => n && (d.includes(n) || n.includes(d))) ? 'yes' : same(a.actor) ? 'unsure' : 'no';
}

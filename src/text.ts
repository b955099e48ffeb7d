/** Collapses whitespace (including line breaks) to single spaces and trims the ends. */
export function oneLine(text: string): string {
  // No-break spaces are kept: they join words (French « guillemets », 35 %), never lines.
  return text.replace(/[^\S\u00a0\u202f]+/g, ' ').trim();
}

/** Collapses all whitespace (including line breaks) to single spaces and trims the ends. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

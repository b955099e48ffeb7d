/** Helpers the language files share for the sentences they build around facts text. */

/** Facts text set inside a sentence: without surrounding space or its final full stop. */
export const bare = (text: string): string => text.trim().replace(/\.$/, '');

/** Quotes text in a language's marks, the same marks its `quoteMarks` label gives the slides. */
export const quoting =
  ([open, close]: readonly [string, string]) =>
  (text: string): string =>
    `${open}${text}${close}`;

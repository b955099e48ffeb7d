import { describe, expect, it } from 'vitest';
import { createMarkdown } from '../../src/markdown/render.js';

/** The text of the link the deck shows for a source address (as compose writes it, as an autolink). */
const linkText = (url: string) => {
  const html = createMarkdown().renderInline(`<${new URL(url).href}>`);
  return /<a [^>]*>([^<]*)<\/a>/.exec(html)![1];
};

describe('link text of international addresses', () => {
  it.each([
    ['a Cyrillic а in a Latin name', 'https://аpple.com/news', 'https://xn--pple-43d.com/news'],
    ['a whole-Cyrillic look-alike under a Latin top-level domain', 'https://аррӏе.com/', 'https://xn--80ak6aa92e.com/'],
    ['a Greek ο among Latin letters', 'https://gοogle.com/', 'https://xn--gogle-rce.com/'],
  ])('shows punycode for %s', (_name, url, shown) => {
    expect(linkText(url)).toBe(shown);
  });

  it.each([
    ['a Latin name with accents', 'https://münchen.de/a', 'https://münchen.de/a'],
    ['a Cyrillic name under a Cyrillic domain', 'https://пример.рф/', 'https://пример.рф/'],
    ['a plain ASCII name', 'https://example.org/x?y=1', 'https://example.org/x?y=1'],
  ])('shows %s in its own letters', (_name, url, shown) => {
    expect(linkText(url)).toBe(shown);
  });
});

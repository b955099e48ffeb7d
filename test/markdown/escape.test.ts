import { describe, expect, it } from 'vitest';
import { citation, escapeParagraphs, escapeText, oneLine } from '../../src/markdown/escape.js';
import { createMarkdown } from '../../src/markdown/render.js';
import { HOSTILE } from '../helpers.js';

const md = createMarkdown();
const html = (text: string) => md.utils.escapeHtml(text);

describe('escapeText', () => {
  it.each(HOSTILE)('renders %j as one paragraph of its literal text', (text) => {
    expect(md.render(escapeText(text))).toBe(`<p>${html(oneLine(text))}</p>\n`);
  });

  it('stays literal inside a list item and a table cell', () => {
    for (const text of HOSTILE) {
      expect(md.render(`- ${escapeText(text)}`)).toBe(`<ul>\n<li>${html(oneLine(text))}</li>\n</ul>\n`);
      const table = md.render(`| A |\n| --- |\n| ${escapeText(text)} |`);
      expect(table, text).toContain(`<td>${html(oneLine(text))}</td>`);
    }
  });

  it('joins lines, so no line of the text can stand on its own', () => {
    expect(escapeText('one\n---\ntwo')).toBe('one --- two');
    expect(escapeText('  a \n\n  b  ')).toBe('a b');
  });

  it('keeps the no-break spaces of French typography, which join no lines', () => {
    const french = '«\u00a0Ce barrage\u00a0: il la fait travailler\u00a0» à 35\u202f%';
    expect(escapeText(french)).toBe(french);
    expect(md.render(escapeText(french))).toBe(`<p>${french}</p>\n`);
  });
});

describe('escapeParagraphs', () => {
  it('keeps paragraphs and escapes each as a line of its own', () => {
    expect(escapeParagraphs('First line\ncontinued.\n\n---\n\n\nNote: second')).toBe('First line continued.\n\n\\---\n\n&#78;ote: second');
    const rendered = md.render(escapeParagraphs('a\n\n# b\n\nNote: c'));
    expect(rendered).toBe('<p>a</p>\n<p># b</p>\n<p>Note: c</p>\n');
  });
});

describe('citation', () => {
  it('writes sorted, distinct source numbers that render as a superscript', () => {
    expect(citation([3, 1, 3])).toBe('[^1,3]');
    expect(citation([])).toBe('');
    expect(md.render(`Fact.${citation([2, 1])}`)).toBe(
      '<p>Fact.<sup class="cite"><a href="#sources" title="Source 1">1</a>,<a href="#sources" title="Source 2">2</a></sup></p>\n',
    );
  });
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { deckCsp, printViewStyles, speakerViewInline } from '../../src/html/csp.js';
import { renderHtml } from '../../src/html/render.js';
import { factsYaml, validFacts, composeSlides } from '../helpers.js';

const require = createRequire(import.meta.url);
const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const directive = (name: string) =>
  deckCsp()
    .split('; ')
    .find((d) => d.startsWith(`${name} `))
    ?.split(' ')
    .slice(1);

describe('deckCsp', () => {
  it('allows only the page origin, no inline script, no eval, no forms', () => {
    expect(directive('default-src')).toEqual(["'none'"]);
    expect(directive('script-src')?.[0]).toBe("'self'");
    expect(deckCsp()).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*|data:|blob:/);
    expect(directive('base-uri')).toEqual(["'none'"]);
    expect(directive('form-action')).toEqual(["'none'"]);
  });

  it('allows the print view styles by hash', () => {
    for (const style of printViewStyles()) expect(directive('style-src')).toContain(hash(style));
    expect(printViewStyles()[0]).toBe('@page{size:1331px 748px; margin: 0px;}');
  });

  it('reproduces the print view styles as reveal.js writes them', () => {
    // If reveal.js changes how it writes them, the hashes must follow (the e2e CSP test fails too).
    const reveal = readFileSync(require.resolve('reveal.js'), 'utf8');
    expect(reveal).toContain('`@page{size:`+o+`px `+s+`px; margin: 0px;}`');
    expect(reveal).toContain('`.reveal section>img, .reveal section>video, .reveal section>iframe{max-width: `+c+`px; max-height:`+u+`px}`');
  });

  it('is in the deck page, first in <head> after the charset', () => {
    const html = renderHtml(composeSlides(validFacts(factsYaml())), { generator: 'test' });
    const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
    expect(head.split('\n')[1]).toBe('<meta charset="utf-8">');
    expect(head.split('\n')[2]).toBe(`<meta http-equiv="Content-Security-Policy" content="${deckCsp()}">`);
  });
});

describe('speakerViewInline', () => {
  const plugin = (template: string) => `function r(){t=window.open('about:blank'),t.document.write(\`${template}\`),a()}`;

  it('finds the speaker view script, style and style attributes as the browser will see them', () => {
    const inline = speakerViewInline(
      plugin(
        '<html><head><style>a{b:c}\\xA0</style></head><body><div style="display: none"></div><p style="display: none">' +
          '<script>var re = /\\\\?/; x()<\\/script></body></html>',
      ),
    );
    expect(inline).toEqual({ scripts: ['var re = /\\?/; x()'], styles: ['a{b:c}\u00a0'], styleAttributes: ['display: none'] });
  });

  it('reads the notes plugin that is shipped', () => {
    const inline = speakerViewInline(readFileSync(require.resolve('reveal.js/plugin/notes'), 'utf8'));
    expect(inline.scripts).toHaveLength(1);
    expect(inline.scripts[0]).toContain('reveal-notes');
    for (const code of [...inline.scripts]) expect(directive('script-src')).toContain(hash(code));
    for (const css of [...inline.styles, ...inline.styleAttributes]) expect(directive('style-src')).toContain(hash(css));
  });

  it('refuses a plugin whose speaker view it cannot read exactly', () => {
    expect(() => speakerViewInline('nothing here')).toThrow(/speaker view template not found/);
    expect(() => speakerViewInline(plugin('<html><script>${x}</script></html>'))).toThrow(/not plain text/);
    expect(() => speakerViewInline(plugin('<html><script src="x.js"></script><script>y()</script></html>'))).toThrow(/unexpected/);
    expect(() => speakerViewInline(plugin('<html><script>y()</script><b onclick="z()"></b></html>'))).toThrow(/unexpected/);
  });
});

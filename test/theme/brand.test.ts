import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildAll } from '../../src/commands/build-all.js';
import { buildDeck } from '../../src/commands/build.js';
import { ExitCode, InvalidFactsError, UsageError, type Problem } from '../../src/errors.js';
import { renderHtml } from '../../src/html/render.js';
import { brandCss, loadBrand, type Brand } from '../../src/theme/brand.js';
import { builtinThemes, resolveTheme, themeAssets, themePalette } from '../../src/theme/theme.js';
import { factsYaml, HOSTILE, positionOf, removeTemp, replace, tempDir, validFacts, writeDeck, MINIMAL_FACTS, composeSlides } from '../helpers.js';

let tmp: string;
let deck: string;
beforeEach(async () => {
  tmp = await tempDir('brand');
  deck = await writeDeck(path.join(tmp, 'deck'), MINIMAL_FACTS);
});
afterEach(() => removeTemp(tmp));

const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 100"><rect width="300" height="100" fill="#0b5a66"/></svg>\n';

async function options() {
  const known = await builtinThemes();
  return { root: deck, known, palettes: Object.fromEntries(await Promise.all(known.map(async (k) => [k, await themePalette(k)]))) };
}

/** Writes `brand.yaml` (and any other files) in the deck folder and loads it. */
async function brandOf(yaml: string, files: Record<string, string | Uint8Array> = {}): Promise<Brand> {
  for (const [rel, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(deck, rel)), { recursive: true });
    await writeFile(path.join(deck, rel), content);
  }
  await writeFile(path.join(deck, 'brand.yaml'), yaml);
  return loadBrand(path.join(deck, 'brand.yaml'), await options());
}

/** The problems of an invalid brand file: every one in brand.yaml, with the exit code of invalid facts. */
async function brandErrors(yaml: string, files?: Record<string, string | Uint8Array>): Promise<Problem[]> {
  const err = await brandOf(yaml, files).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InvalidFactsError);
  expect((err as InvalidFactsError).exitCode).toBe(ExitCode.invalidFacts);
  const problems = (err as InvalidFactsError).problems;
  for (const p of problems) expect(p.file.endsWith('brand.yaml')).toBe(true);
  return [...problems];
}

function one(problems: Problem[], field: string): Problem {
  const found = problems.filter((p) => p.field === field);
  expect(found, JSON.stringify(problems, null, 2)).toHaveLength(1);
  return found[0]!;
}

describe('brand files', () => {
  it('loads colours, a shipped font, a logo and footer text over a base theme', async () => {
    const brand = await brandOf(
      'base: briefing\ncolours:\n  accent: "#0B5A66"\n  fill: "#e6f2f3"\nfont: source sans 3\nlogo: art/logo.svg\nfooter: Water Security Unit\n',
      { 'art/logo.svg': LOGO },
    );
    expect(brand.base).toBe('briefing');
    expect(brand.colours).toEqual({ accent: '#0b5a66', fill: '#e6f2f3' });
    expect(brand.palette.background).toBe('#ffffff');
    expect(brand.font).toEqual({ family: 'Source Sans 3' });
    expect(brand.logo).toMatchObject({ type: 'svg', width: 300, height: 100 });
    expect(brand.footer).toBe('Water Security Unit');
    expect(brand.inputs.map((f) => path.basename(f))).toEqual(['brand.yaml', 'logo.svg']);
    const css = brandCss(brand);
    expect(css).toContain('--bd-accent: #0b5a66;');
    expect(css).toContain('--bd-fill: #e6f2f3;');
    expect(css).not.toContain('--bd-bg');
    expect(css).toContain('url(brand/logo.svg)');
    // 3:1 logo: 72px wide in the 24px header slot, 288px on the title slide.
    expect(css).toMatch(/\.bd-kicker::before \{[^}]*width: 72px; height: 24px/);
    expect(css).toMatch(/\.bd-title \.bd-body::before \{[^}]*width: 288px; height: 96px/);
  });

  it('picks a shipped family by name and ships its files with the deck', async () => {
    const brand = await brandOf('font: source serif 4\n');
    expect(brand.font).toEqual({ family: 'Source Serif 4' });
    expect(brandCss(brand)).toContain("--bd-font: 'Source Serif 4', 'Source Sans 3', 'Noto Sans', 'DejaVu Sans', sans-serif;");
    const theme = await resolveTheme({ spec: 'brand.yaml', from: 'facts' }, deck, 'facts.yaml');
    const assets = await themeAssets(theme);
    const fontsCss = assets.find((a) => a.to === 'assets/fonts/fonts.css')!.content!;
    expect(fontsCss).toContain("font-family: 'Source Serif 4'");
    expect(fontsCss).toContain("font-family: 'Source Sans 3'");
    const files = assets.map((a) => a.to);
    expect(files).toContain('assets/fonts/files/source-serif-4-cyrillic-400-normal.woff2');
    expect(files).toContain('assets/fonts/files/source-serif-4-latin-ext-700-normal.woff2');
  });

  it('reads PNG logos and a woff2 font inside the deck folder', async () => {
    const png = Buffer.alloc(33);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(png);
    png.writeUInt32BE(13, 8);
    png.write('IHDR', 12, 'latin1');
    png.writeUInt32BE(400, 16);
    png.writeUInt32BE(100, 20);
    const woff2 = Buffer.concat([Buffer.from('wOF2', 'latin1'), Buffer.alloc(60)]);
    const brand = await brandOf('logo: logo.png\nfont: fonts/house.woff2\n', { 'logo.png': png, 'fonts/house.woff2': woff2 });
    expect(brand.logo).toMatchObject({ type: 'png', width: 400, height: 100 });
    expect(brand.font).toEqual({ file: path.join(deck, 'fonts', 'house.woff2') });
    expect(brandCss(brand)).toContain("@font-face { font-family: 'Brand Font'; src: url(brand/font.woff2) format('woff2')");
    expect(brandCss(brand)).toContain("--bd-font: 'Brand Font', 'Source Sans 3'");
  });

  it('names unknown keys with a "did you mean", at their line and column', async () => {
    const yaml = 'colors:\n  accent: "#0b5a66"\nfooter: x\n';
    const problem = one(await brandErrors(yaml), 'colors');
    expect(problem.message).toBe('unknown field: did you mean "colours"?');
    expect(problem).toMatchObject(positionOf(yaml, 'colors'));
    const nested = 'colours:\n  acent: "#0b5a66"\n';
    const inner = one(await brandErrors(nested), 'colours.acent');
    expect(inner.message).toBe('unknown field: did you mean "accent"?');
    expect(inner).toMatchObject(positionOf(nested, 'acent'));
  });

  it('explains an unquoted colour (YAML reads # as a comment) and a malformed one', async () => {
    const yaml = 'colours:\n  accent: #0b5a66\n  text: blue\n';
    const problems = await brandErrors(yaml);
    expect(one(problems, 'colours.accent').message).toMatch(/write the colour in quotes, e\.g\. "#123f73" \(an unquoted # starts a YAML comment\)/);
    expect(one(problems, 'colours.text')).toMatchObject({ ...positionOf(yaml, 'blue'), message: expect.stringContaining('"#rrggbb"') });
  });

  it('refuses a colour that fails WCAG AA, naming the field and the measured ratio', async () => {
    const yaml = 'colours:\n  accent: "#7aa7d9"\n';
    const problems = await brandErrors(yaml);
    // On the white background and on the pale fill: both under 4.5:1.
    const accent = problems.filter((p) => p.field === 'colours.accent');
    expect(accent).toHaveLength(2);
    expect(accent[0]).toMatchObject({ ...positionOf(yaml, '"#7aa7d9"') });
    expect(accent[0]!.message).toMatch(/^#7aa7d9 on the background #ffffff has a contrast of 2\.\d+:1; WCAG AA needs 4\.5:1 for headings, links, citations and table headers: choose a darker accent colour$/);
    expect(accent[1]!.message).toMatch(/on the fill \(table headers, quotes\) #eef2f7 has a contrast of 2\.\d+:1/);
  });

  it('names the base theme\'s colour that a new background leaves unreadable', async () => {
    const yaml = 'colours:\n  background: "#2a3340"\n  text: "#f5f5f5"\n';
    const problems = await brandErrors(yaml);
    const bg = problems.filter((p) => p.field === 'colours.background');
    expect(bg.map((p) => p.message)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^the briefing theme's muted colour #4a5568 on this background #2a3340 has a contrast of 1\.\d+:1; WCAG AA needs 4\.5:1: set colours\.muted to a lighter colour too/)]),
    );
    // Light text passes on the new background but not on the base theme's pale fill.
    expect(one(problems, 'colours.text').message).toMatch(/^#f5f5f5 on the fill \(table headers, quotes\) #eef2f7 has a contrast of 1\.\d+:1; .*: choose a darker text colour, or set colours\.fill \(the briefing theme's\) to match$/);
  });

  it('accepts a dark brand whose colours all pass', async () => {
    const brand = await brandOf('base: dark\ncolours:\n  accent: "#9fd3da"\n');
    expect(brand.palette.background).toBe('#10151d');
  });

  it('checks base and font against what is shipped, with a "did you mean"', async () => {
    const problems = await brandErrors('base: drak\nfont: Source Sans\n');
    expect(one(problems, 'base').message).toBe('no built-in theme "drak": did you mean "dark"?');
    expect(one(problems, 'font').message).toMatch(/^"Source Sans" is not a shipped font: did you mean "Source Sans 3"\? use one of Source Sans 3, Source Serif 4, or the path of a \.woff2 file/);
    expect(one(await brandErrors('font: fonts/a.woff2\n', { 'fonts/a.woff2': 'not a font' }), 'font').message).toMatch(/is not a WOFF2 font file/);
  });

  it('keeps the logo and font inside the deck folder', async () => {
    await writeFile(path.join(tmp, 'outside.svg'), LOGO);
    expect(one(await brandErrors('logo: ../outside.svg\n'), 'logo').message).toMatch(/"\.\.\/outside\.svg" is outside .*: keep brand files, logos and fonts inside the deck folder/);
    expect(one(await brandErrors('logo: /etc/logo.svg\n'), 'logo').message).toMatch(/is an absolute path/);
    expect(one(await brandErrors('logo: missing.svg\n'), 'logo').message).toMatch(/"missing\.svg" does not exist/);
    await symlink(path.join(tmp, 'outside.svg'), path.join(deck, 'link.svg'));
    expect(one(await brandErrors('logo: link.svg\n'), 'logo').message).toMatch(/links outside/);
    expect(one(await brandErrors('logo: logo.gif\n'), 'logo').message).toMatch(/not an SVG or PNG image/);
  });

  it('refuses SVG logos that script, embed or fetch, and ones without a size', async () => {
    const svg = (body: string, attrs = 'viewBox="0 0 10 10"') => `<svg xmlns="http://www.w3.org/2000/svg" ${attrs}>${body}</svg>`;
    const cases: [string, RegExp][] = [
      [svg('<script>alert(1)</script>'), /contains a <script> element/],
      [svg('', 'viewBox="0 0 10 10" onload="alert(1)"'), /has a onload="…" attribute on <svg>/],
      [svg('<image href="https://example.org/x.png"/>'), /refers to another file or address/],
      [svg('<foreignObject></foreignObject>'), /foreignObject/],
      [svg('<rect/>', 'width="100%"'), /has no viewBox/],
      ['<html></html>', /is not an SVG image/],
      // What a pattern match let through: a script under another prefix, an animation that
      // turns a link into javascript:, a link by xlink:href, styles that fetch, entities.
      [svg('<s:script xmlns:s="http://www.w3.org/2000/svg">alert(1)</s:script>'), /contains a <s:script> element/],
      [svg('<a><animate attributeName="href" to="javascript:alert(1)"/><rect width="5" height="5"/></a>'), /contains a <a> element/],
      [svg('<animate attributeName="href" to="javascript:alert(1)"/>'), /contains a <animate> element/],
      [svg('<set attributeName="onclick" to="alert(1)"/>'), /contains a <set> element/],
      [svg('<use xmlns:x="http://www.w3.org/1999/xlink" x:href="javascript:alert(1)"/>'), /refers to another file or address \(x:href=/],
      [svg('<style>rect { fill: url( https://example.org/track ) }</style>'), /refers to another file or address in its styles/],
      [svg('<rect style="background: url(//example.org/x)"/>'), /refers to another file or address in its styles/],
      [svg('<h:p xmlns:h="http://www.w3.org/1999/xhtml">text</h:p>'), /contains a <h:p> element/],
      ['<!DOCTYPE svg [<!ENTITY x "y">]>' + svg('<text>&x;</text>'), /declares XML entities|not well-formed/],
      [svg('<?xml-stylesheet href="https://example.org/x.css"?>'), /processing instruction/],
      [svg('<rect>'), /is not well-formed XML/],
    ];
    for (const [text, message] of cases) {
      expect(one(await brandErrors('logo: logo.svg\n', { 'logo.svg': text }), 'logo').message, text).toMatch(message);
    }
  });

  it('accepts an ordinary logo: gradients, text, an embedded PNG, references inside itself', async () => {
    const logo =
      '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 120 40">' +
      '<title>Desk</title><defs><linearGradient id="g"><stop offset="0" stop-color="#123"/><stop offset="1" stop-color="#456"/></linearGradient></defs>' +
      '<rect width="120" height="40" fill="url(#g)"/><use xlink:href="#g"/><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>' +
      '<text x="4" y="28" font-family="sans-serif" style="fill: #fff">Desk</text></svg>';
    expect((await brandOf('logo: logo.svg\n', { 'logo.svg': logo })).logo).toMatchObject({ type: 'svg', width: 120, height: 40 });
  });

  it('reports every problem at once, in file order, past a misspelt key', async () => {
    const yaml = 'colours:\n  accent: "#7aa7d9"\n  colr: "#000000"\nlogo: ../outside.svg\nfont: Comic Sans\n';
    const problems = await brandErrors(yaml);
    expect(problems.map((p) => p.field)).toEqual(['colours.accent', 'colours.accent', 'colours.colr', 'logo', 'font']);
    expect(problems.map((p) => p.line)).toEqual([2, 2, 3, 4, 5]);
  });

  it('reports YAML mistakes and a multi-line footer with positions', async () => {
    const dup = 'footer: a\nfooter: b\n';
    expect((await brandErrors(dup))[0]).toMatchObject({ ...positionOf(dup, 'footer', 2), message: expect.stringContaining('appears twice') });
    const multi = 'footer: |\n  one\n  two\n';
    expect(one(await brandErrors(multi), 'footer').message).toMatch(/must be one line/);
    expect((await brandErrors('- a list\n'))[0]!.message).toMatch(/must be a map of fields/);
  });
});

describe('choosing a theme', () => {
  const factsWithTheme = (theme: string) => factsYaml(replace('  marking: UNCLASSIFIED\n', `  marking: UNCLASSIFIED\n  theme: ${theme}\n`));

  it('takes a built-in theme or a brand file from the facts, and --theme over both', async () => {
    expect((await resolveTheme({ spec: 'dark', from: 'facts' }, deck, 'facts.yaml')).base).toBe('dark');
    await writeFile(path.join(deck, 'brand.yaml'), 'base: dark\nfooter: Desk\n');
    const branded = await resolveTheme({ spec: 'brand.yaml', from: 'facts' }, deck, 'facts.yaml');
    expect(branded.brand?.footer).toBe('Desk');
    expect(branded.inputs.map((f) => path.relative(deck, f))).toContain('brand.yaml');
  });

  it('locates an unknown theme or a brand file outside the deck at meta.theme in the facts', async () => {
    const yaml = factsWithTheme('drak');
    await writeFile(path.join(deck, 'facts.yaml'), yaml);
    const file = path.join(deck, 'facts.yaml');
    const err = (await resolveTheme({ spec: 'drak', from: 'facts' }, deck, file).catch((e: unknown) => e)) as InvalidFactsError;
    expect(err).toBeInstanceOf(InvalidFactsError);
    expect(err.problems[0]).toMatchObject({ field: 'meta.theme', ...positionOf(yaml, 'drak'), message: expect.stringMatching(/no theme "drak": did you mean "dark"\? use one of briefing, dark, or the path of a brand file/) });
    await writeFile(path.join(tmp, 'brand.yaml'), 'footer: x\n');
    const outside = (await resolveTheme({ spec: '../brand.yaml', from: 'facts' }, deck, file).catch((e: unknown) => e)) as InvalidFactsError;
    expect(outside.problems[0]).toMatchObject({ field: 'meta.theme', message: expect.stringMatching(/is outside/) });
  });

  it('treats a bad --theme as a usage error', async () => {
    const err = await resolveTheme({ spec: 'nosuch', from: 'cli' }, deck).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(/--theme nosuch: no theme "nosuch"/);
  });

  it('builds a branded deck: brand.css after the theme, logo in assets, footer on every slide', async () => {
    await writeFile(path.join(deck, 'facts.yaml'), factsWithTheme('brand.yaml'));
    await writeFile(path.join(deck, 'logo.svg'), LOGO);
    await writeFile(path.join(deck, 'brand.yaml'), 'colours:\n  accent: "#0b5a66"\nlogo: logo.svg\nfooter: "Desk <b>&</b>"\n');
    const out = path.join(tmp, 'build');
    const result = await buildDeck(deck, { outRoot: out });
    const html = await readFile(result.files.html, 'utf8');
    expect(html).toMatch(/href="assets\/theme\.css">[\s\S]*href="assets\/brand\.css">\n<\/head>/);
    expect(html.split('<span class="bd-meta">Desk &lt;b&gt;&amp;&lt;/b&gt; · ').length - 1).toBe(result.deck.slides.length);
    expect(await readFile(path.join(out, 'deck', 'assets', 'brand', 'logo.svg'), 'utf8')).toBe(LOGO);
    expect(await readFile(path.join(out, 'deck', 'assets', 'brand.css'), 'utf8')).toContain('--bd-accent: #0b5a66;');
    const themeCss = await readFile(path.join(out, 'deck', 'assets', 'theme.css'), 'utf8');
    expect(themeCss).toContain('--bd-accent: #123f73;');
    expect(themeCss).toContain('.bd-frame {');

    // --theme wins over the facts: no brand.
    const plain = await buildDeck(deck, { outRoot: path.join(tmp, 'plain'), theme: 'dark' });
    const plainHtml = await readFile(plain.files.html, 'utf8');
    expect(plainHtml).not.toContain('brand.css');
    expect(await readFile(path.join(tmp, 'plain', 'deck', 'assets', 'theme.css'), 'utf8')).toContain('--bd-bg: #10151d;');
  });

  it("gives a deck the brand's own wording, with the facts' own winning, and refuses unknown keys", async () => {
    await writeFile(path.join(deck, 'facts.yaml'), factsWithTheme('brand.yaml'));
    await writeFile(path.join(deck, 'brand.yaml'), 'labels:\n  heading.bottomLine: Key judgements\n  keyTerms: Glossary\n');
    const result = await buildDeck(deck, { outRoot: path.join(tmp, 'worded') });
    expect(result.deck.slides.find((s) => s.section === 'bottom-line')!.title).toBe('Key judgements');
    expect(result.deck.labels.keyTerms).toBe('Glossary');
    await writeFile(path.join(deck, 'brand.yaml'), 'labels:\n  heading.bottomLin: Key judgements\n');
    const error = await buildDeck(deck, { outRoot: path.join(tmp, 'worded') }).catch((e: unknown) => e);
    expect(String((error as { problems?: { message: string }[] }).problems?.[0]?.message)).toMatch(/did you mean "heading\.bottomLine"/);
  });

  it('rebuilds a deck when its brand file or logo changes, and not otherwise', async () => {
    await writeFile(path.join(deck, 'facts.yaml'), factsWithTheme('brand.yaml'));
    await writeFile(path.join(deck, 'logo.svg'), LOGO);
    await writeFile(path.join(deck, 'brand.yaml'), 'logo: logo.svg\nfooter: One\n');
    const out = path.join(tmp, 'build');
    const build = async (theme?: string) => (await buildAll([deck], { outRoot: out, jobs: 1, ...(theme ? { theme } : {}) })).built.length;
    expect(await build()).toBe(1);
    expect(await build()).toBe(0);
    await writeFile(path.join(deck, 'brand.yaml'), 'logo: logo.svg\nfooter: Two\n');
    expect(await build()).toBe(1);
    expect(await build()).toBe(0);
    await writeFile(path.join(deck, 'logo.svg'), LOGO.replace('#0b5a66', '#123f73'));
    expect(await build()).toBe(1);
    expect(await build('dark')).toBe(1);
    expect(await build('dark')).toBe(0);
    expect(await build()).toBe(1);
  });

  it('escapes hostile footer text like any facts text', () => {
    const deckModel = composeSlides(validFacts(MINIMAL_FACTS));
    const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    for (const text of HOSTILE) {
      const html = renderHtml(deckModel, { generator: 'test', brand: { stylesheet: true, footer: text } });
      const metas = [...html.matchAll(/<span class="bd-meta">([^<]*)<\/span>/g)].map((m) => m[1]);
      expect(metas.length).toBe(deckModel.slides.length);
      for (const meta of metas) expect(meta!.startsWith(`${escape(text)} · `)).toBe(true);
    }
  });
});

import MarkdownIt from 'markdown-it';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import { displayUrl } from './display-url.js';

/**
 * The one Markdown renderer of the deck. Raw HTML is off, so nothing in the Markdown (and
 * therefore nothing in the facts) can become markup; `[^1,3]` citations become superscripts
 * linking to the Sources slide.
 */
export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt('commonmark', { html: false, linkify: false, typographer: false });
  md.enable('table');
  // Link text shows a look-alike host name as punycode (see display-url).
  const linkText = md.normalizeLinkText.bind(md);
  md.normalizeLinkText = (url) => displayUrl(url, linkText(url));
  md.inline.ruler.before('link', 'citation', citationRule);
  md.inline.ruler.before('link', 'change_tag', changeTagRule);
  md.renderer.rules.change_tag = (tokens, idx) => {
    const tag = tokens[idx]!.meta as string;
    return `<span class="tag tag-${tag}">${tag}</span>`;
  };
  md.renderer.rules.citation = (tokens, idx) => {
    const numbers = tokens[idx]!.meta as number[];
    const links = numbers.map((n) => `<a href="#sources" title="Source ${n}">${n}</a>`).join(',');
    return `<sup class="cite">${links}</sup>`;
  };
  // External links open beside the deck rather than replacing it mid-briefing.
  const defaultLinkOpen = md.renderer.rules.link_open ?? ((t, i, o, _e, self) => self.renderToken(t, i, o));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const href = tokens[idx]!.attrGet('href') ?? '';
    if (/^https?:/i.test(href)) {
      tokens[idx]!.attrSet('target', '_blank');
      tokens[idx]!.attrSet('rel', 'noopener noreferrer');
    }
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

const CITATION = /^\[\^(\d{1,4}(?:,\d{1,4})*)\]/;

function citationRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */ || state.src.charCodeAt(state.pos + 1) !== 0x5e /* ^ */) {
    return false;
  }
  const match = CITATION.exec(state.src.slice(state.pos, state.pos + 64));
  if (!match) return false;
  if (!silent) {
    const token = state.push('citation', 'sup', 0);
    token.meta = match[1]!.split(',').map(Number);
  }
  state.pos += match[0].length;
  return true;
}

const CHANGE_TAG = /^\[!(new|updated)\]/;

/** `[!new]` and `[!updated]` mark items that changed since the last briefing. */
function changeTagRule(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */ || state.src.charCodeAt(state.pos + 1) !== 0x21 /* ! */) {
    return false;
  }
  const match = CHANGE_TAG.exec(state.src.slice(state.pos, state.pos + 12));
  if (!match) return false;
  if (!silent) state.push('change_tag', 'span', 0).meta = match[1];
  state.pos += match[0].length;
  return true;
}

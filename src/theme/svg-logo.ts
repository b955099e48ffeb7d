import { DOMParser, type Element, type Node } from '@xmldom/xmldom';

const SVG_NS = 'http://www.w3.org/2000/svg';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Elements a logo may use: shapes, text, grouping, gradients, clipping. No script, no animation, no foreign content. */
const ELEMENTS = new Set([
  'svg', 'g', 'defs', 'symbol', 'use', 'title', 'desc', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline',
  'polygon', 'text', 'tspan', 'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'pattern', 'image', 'style',
]);

/** Attributes a logo may use (in no namespace): geometry, paint, text, gradients. No event handlers. */
const ATTRIBUTES = new Set([
  'id', 'class', 'style', 'transform', 'd', 'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy',
  'fr', 'dx', 'dy', 'width', 'height', 'viewBox', 'preserveAspectRatio', 'points', 'pathLength', 'version', 'baseProfile',
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-linecap', 'stroke-linejoin', 'stroke-miterlimit',
  'stroke-dasharray', 'stroke-dashoffset', 'stroke-opacity', 'opacity', 'color', 'display', 'visibility', 'overflow',
  'clip-path', 'clip-rule', 'clipPathUnits', 'mask', 'maskUnits', 'maskContentUnits', 'vector-effect', 'shape-rendering',
  'text-rendering', 'paint-order', 'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'text-anchor',
  'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'letter-spacing', 'word-spacing', 'text-decoration',
  'textLength', 'lengthAdjust', 'rotate', 'offset', 'stop-color', 'stop-opacity', 'gradientUnits', 'gradientTransform',
  'spreadMethod', 'patternUnits', 'patternContentUnits', 'patternTransform', 'href', 'role', 'aria-label',
  'aria-hidden', 'focusable', 'xml:space',
]);

/** A reference a logo may make: to a part of itself, or an embedded raster image. */
const LOCAL_REFERENCE = /^\s*(?:#|data:image\/(?:png|jpeg|gif|webp);)/i;

/**
 * Checks an SVG logo by parsing it as XML (namespaces resolved, as a browser reads it) and
 * allowing only the elements and attributes of a drawing: anything else — a script under any
 * prefix, an animation that rewrites a link, an event handler, foreign content, an entity,
 * a reference to another file — is refused, named. Returns the problem, or the root element.
 */
export function checkSvgLogo(svg: string): { root: Element } | { error: string } {
  let problem: string | undefined;
  const parser = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') throw new Error(message);
    },
  });
  let doc;
  try {
    doc = parser.parseFromString(svg, 'image/svg+xml');
  } catch (err) {
    const reason = String((err as Error).message).replace(/^Reporting \w+ "|" caused.*$/gs, '');
    return { error: `is not well-formed XML (${reason.slice(0, 120)}): export it again as plain SVG` };
  }
  const root = doc.documentElement;
  if (!root || root.namespaceURI !== SVG_NS || root.localName !== 'svg') {
    return { error: 'is not an SVG image: its root must be <svg xmlns="http://www.w3.org/2000/svg">' };
  }
  const visit = (node: Node): void => {
    if (problem) return;
    if (node.nodeType === 10 /* doctype */ && (node as unknown as { internalSubset?: string }).internalSubset) problem = 'declares XML entities';
    else if (node.nodeType === 7 /* processing instruction */) {
      const target = (node as unknown as { target: string }).target;
      // The XML declaration (<?xml version="1.0"?>) is one to the parser; any other is refused.
      if (target !== 'xml') problem = `contains a processing instruction <?${target}?>`;
    }
    else if (node.nodeType === 1) problem = checkElement(node as Element);
    for (let child = node.firstChild; child && !problem; child = child.nextSibling) visit(child);
  };
  visit(doc);
  return problem ? { error: `${problem}: a logo must be a self-contained drawing (export it as plain SVG)` } : { root };
}

function checkElement(el: Element): string | undefined {
  const name = el.prefix ? `${el.prefix}:${el.localName}` : el.localName;
  if (el.namespaceURI !== SVG_NS || !ELEMENTS.has(el.localName ?? '')) return `contains a <${name}> element, which a logo may not use`;
  for (let i = 0; i < el.attributes.length; i++) {
    const attr = el.attributes.item(i)!;
    if (attr.namespaceURI === XMLNS_NS) continue; // namespace declarations
    const known =
      (attr.namespaceURI === null && ATTRIBUTES.has(attr.localName ?? '')) ||
      (attr.namespaceURI === XLINK_NS && attr.localName === 'href') ||
      (attr.namespaceURI === XML_NS && attr.localName === 'space');
    if (!known) return `has a ${attr.name}="…" attribute on <${name}>, which a logo may not use`;
    if (attr.localName === 'href' && !LOCAL_REFERENCE.test(attr.value)) return `refers to another file or address (${attr.name}="${attr.value.slice(0, 60)}")`;
    if (attr.localName === 'style') {
      const css = cssProblem(attr.value);
      if (css) return css;
    }
  }
  if (el.localName === 'style') return cssProblem(el.textContent ?? '');
  return undefined;
}

function cssProblem(css: string): string | undefined {
  if (/@import/i.test(css)) return 'imports a stylesheet';
  if (/url\(\s*["']?\s*(?!#|data:image\/(?:png|jpeg|gif|webp);)/i.test(css)) return 'refers to another file or address in its styles';
  if (/expression\s*\(|javascript:|-moz-binding|behavior\s*:/i.test(css)) return 'has script in its styles';
  return undefined;
}

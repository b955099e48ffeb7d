/**
 * The deck's own script, written to `assets/deck.js`. It is a separate file, not inline, so the
 * page needs no inline script at all.
 */
export const DECK_WIDTH = 1280;
export const DECK_HEIGHT = 720;
/** Space around the slide, as a fraction of its size; the PDF page is the slide plus this. */
export const DECK_MARGIN = 0.04;

/**
 * Set by the deck script in the print view (`?view=print`): lays the print view out again from
 * another `<div class="reveal">`, as loading a page with it would, and resolves when reveal.js
 * reports `pdf-ready`. The PDF export uses it when measuring changed the slides.
 */
export const REPRINT_FUNCTION = 'briefdeckReprint';

export const DECK_SCRIPT = `/* briefdeck: starts reveal.js for this deck */
(() => {
  const config = {
    width: ${DECK_WIDTH},
    height: ${DECK_HEIGHT},
    margin: ${DECK_MARGIN},
    center: false,
    // Right-to-left decks move forward to the left, as their readers expect.
    rtl: document.documentElement.dir === 'rtl',
    hash: true,
    controls: true,
    controlsLayout: 'edges',
    progress: true,
    transition: 'none',
    backgroundTransition: 'none',
    // One PDF page per slide: no page per fragment, no overflow pages.
    pdfSeparateFragments: false,
    pdfMaxPagesPerSlide: 1,
    plugins: [RevealNotes],
  };
  // The navigation buttons are named in the deck's language (reveal.js names them in English).
  const nameControls = () => {
    const reveal = document.querySelector('.reveal');
    const names = reveal.dataset;
    const rtl = document.documentElement.dir === 'rtl';
    const name = (selector, label) => {
      const button = reveal.querySelector('.controls ' + selector);
      if (button && label) button.setAttribute('aria-label', label);
    };
    name('.navigate-left', rtl ? names.controlNext : names.controlPrevious);
    name('.navigate-right', rtl ? names.controlPrevious : names.controlNext);
    name('.navigate-up', names.controlAbove);
    name('.navigate-down', names.controlBelow);
  };

  if (new URLSearchParams(location.search).get('view') === 'print') {
    // The page as loaded, before reveal.js changes it: what a new load would start from.
    const attributes = (el) => [...el.attributes].map((a) => [a.name, a.value]);
    const loaded = {
      html: attributes(document.documentElement),
      body: attributes(document.body),
      nodes: new Set([...document.head.children, ...document.body.children]),
    };
    const setAttributes = (el, list) => {
      for (const a of [...el.attributes]) el.removeAttribute(a.name);
      for (const [name, value] of list) el.setAttribute(name, value);
    };
    // The page is put back as it was loaded, with the new slides in place of the old, and a new
    // reveal.js lays out the print view: what loading the page again would give, without
    // reading, parsing and running its files again.
    window.${REPRINT_FUNCTION} = (markup) => {
      setAttributes(document.documentElement, loaded.html);
      setAttributes(document.body, loaded.body);
      // Elements only: the text after this script was not parsed yet when the page was noted.
      for (const node of [...document.head.children, ...document.body.children]) {
        if (!loaded.nodes.has(node)) node.remove();
      }
      const template = document.createElement('template');
      template.innerHTML = markup;
      const fresh = template.content.querySelector('.reveal');
      document.querySelector('.reveal').replaceWith(fresh);
      loaded.nodes.add(fresh);
      const ready = new Promise((resolve) => window.addEventListener('pdf-ready', () => resolve(), { once: true }));
      return new Reveal(fresh, config).initialize().then(nameControls).then(() => ready);
    };
  }
  Reveal.initialize(config).then(nameControls);
})();
`;

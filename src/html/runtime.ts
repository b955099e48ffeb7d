/**
 * The deck's own script, written to `assets/deck.js`. It is a separate file, not inline, so the
 * page needs no inline script at all.
 */
export const DECK_WIDTH = 1280;
export const DECK_HEIGHT = 720;
/** Space around the slide, as a fraction of its size; the PDF page is the slide plus this. */
export const DECK_MARGIN = 0.04;

export const DECK_SCRIPT = `/* briefdeck: starts reveal.js for this deck */
Reveal.initialize({
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
}).then(() => {
  // The navigation buttons are named in the deck's language (reveal.js names them in English).
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
});
`;

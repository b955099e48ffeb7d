/**
 * The deck's own script, written to `assets/deck.js`. It is a separate file, not inline, so the
 * page needs no inline script at all.
 */
export const DECK_WIDTH = 1280;
export const DECK_HEIGHT = 720;

export const DECK_SCRIPT = `/* briefdeck: starts reveal.js for this deck */
Reveal.initialize({
  width: ${DECK_WIDTH},
  height: ${DECK_HEIGHT},
  margin: 0.04,
  center: false,
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
});
`;

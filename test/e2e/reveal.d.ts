// The reveal.js global as the deck page exposes it, for code evaluated in the browser.
import type RevealGlobal from 'reveal.js';

declare global {
  const Reveal: typeof RevealGlobal;
}

/**
 * The live-reload script the server adds to each deck page it serves (never to the build
 * output). It listens for rebuilds, swaps in the new slides and stays on the same slide; when
 * the facts are broken it shows the errors over the last good deck.
 */
export const LIVE_SCRIPT = `(() => {
  'use strict';
  const script = document.currentScript;
  const deck = script.dataset.deck;
  window.__briefdeckBuild = Number(script.dataset.build);
  let overlay = null;

  function showErrors(lines) {
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'briefdeck-errors';
      overlay.setAttribute('role', 'alert');
      overlay.style.cssText = 'position:fixed;left:0;right:0;top:0;z-index:10000;max-height:60vh;overflow:auto;' +
        'background:#8a1c1c;color:#fff;font:15px/1.45 ui-monospace,Menlo,Consolas,monospace;padding:14px 18px;' +
        'box-shadow:0 2px 12px rgba(0,0,0,.35);white-space:pre-wrap';
      document.body.appendChild(overlay);
    }
    overlay.textContent = 'The facts have errors; the deck below is the last good build.\\n\\n' + lines.join('\\n');
  }

  function clearErrors() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  async function update(message) {
    if (message.assets) {
      location.reload();
      return;
    }
    const response = await fetch(location.pathname, { cache: 'no-store' });
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
    const slides = fresh.querySelector('.reveal .slides');
    if (!slides) return;
    const current = Reveal.getCurrentSlide();
    const id = current && current.id;
    const was = Reveal.getIndices();
    document.title = fresh.title;
    document.querySelector('.reveal .slides').innerHTML = slides.innerHTML;
    Reveal.sync();
    const same = id && document.getElementById(id);
    if (same) {
      const at = Reveal.getIndices(same);
      Reveal.slide(at.h, at.v);
    } else {
      Reveal.slide(Math.min(was.h, Reveal.getTotalSlides() - 1));
    }
    window.__briefdeckBuild = message.build;
    document.dispatchEvent(new CustomEvent('briefdeck:updated', { detail: message }));
  }

  const events = new EventSource('/__briefdeck/events?deck=' + encodeURIComponent(deck));
  events.addEventListener('built', (e) => {
    const message = JSON.parse(e.data);
    clearErrors();
    if (message.build !== window.__briefdeckBuild) update(message);
  });
  events.addEventListener('failed', (e) => showErrors(JSON.parse(e.data).problems));
  events.addEventListener('hello', (e) => {
    const message = JSON.parse(e.data);
    if (message.problems) showErrors(message.problems);
    else clearErrors();
    if (message.build !== window.__briefdeckBuild) update(message);
  });
})();
`;

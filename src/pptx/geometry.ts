/**
 * The slide as themes/base.css lays it out, in px of the 1280×720 slide, and the estimate of
 * how tall text sets. A PowerPoint slide is 13.333 × 7.5 in: 96 px to the inch, as in CSS.
 */
export const PX = 1 / 96;
/** px of type → points. */
export const PT = 0.75;

/** px → inches, as pptxgenjs places things; rounded so the file does not vary with float noise. */
export const inch = (px: number) => Math.round(px * PX * 1000) / 1000;
/** px of type → points, to a tenth. */
export const pt = (px: number) => Math.round(px * PT * 10) / 10;

export const SLIDE = { width: 1280, height: 720 };
/** The slide's frame: left edge and width of everything, header and footer lines. */
export const FRAME = { x: 56, width: 1168, headerRule: 46, footerRule: 675 };
/** The body, between header and footer, where the blocks go. */
export const BODY = { top: 68, bottom: 664 };

/**
 * An average glyph as a share of the type size. Source Sans 3 averages about 0.47 em; Arial and
 * Times New Roman, the fallbacks, a little more: boxes are sized for the wider, so the text fits
 * whichever the viewer has.
 */
const GLYPH = 0.55;

/** Lines `text` takes in a box `width` px wide at `size` px, words kept whole. */
export function lineCount(text: string, width: number, size: number): number {
  const perLine = Math.max(1, Math.floor(width / (size * GLYPH)));
  let count = 1;
  let used = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (used > 0 && used + 1 + word.length > perLine) {
      count += 1 + Math.floor(Math.max(0, word.length - 1) / perLine);
      used = word.length % perLine || perLine;
    } else {
      used += (used > 0 ? 1 : 0) + word.length;
      while (used > perLine) {
        count += 1;
        used -= perLine;
      }
    }
  }
  return count;
}

/** Line height as a share of the type size, as the slide stylesheet sets it for body text. */
export const LEADING = 1.35;
/** PowerPoint's single spacing is about 1.2 em for these faces: this makes it LEADING. */
export const SPACING = LEADING / 1.2;

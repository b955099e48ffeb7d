/**
 * pptxgenjs' types, reached through its CommonJS declaration file. Types only: the library
 * itself is imported where a file is made (render.ts), on first use.
 */
import type * as Lib from 'pptxgenjs';

export type Pptx = Lib.default;
export type PptxSlide = Lib.default.Slide;
export type TextProps = Lib.default.TextProps;
export type TextPropsOptions = Lib.default.TextPropsOptions;
export type TableRow = Lib.default.TableRow;
export type BorderProps = Lib.default.BorderProps;
export type ShapeProps = Lib.default.ShapeProps;

let loading: Promise<new () => Pptx> | undefined;

/** The library's constructor, imported once, on first use. */
export function loadPptxGen(): Promise<new () => Pptx> {
  loading ??= import('pptxgenjs').then((mod) => {
    const m = mod as unknown as { default: (new () => Pptx) | { default: new () => Pptx } };
    return typeof m.default === 'function' ? m.default : m.default.default;
  });
  return loading;
}

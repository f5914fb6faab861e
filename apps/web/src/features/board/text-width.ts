let context: OffscreenCanvasRenderingContext2D | null | undefined;
let fontFamily: string | undefined;

/**
 * How wide a text is in the page's font at `weight`, in ems: measured on a canvas, so that the board
 * can size its text to fit before drawing it. Without a canvas (jsdom, in tests), an estimate.
 */
export function textWidthEm(text: string, weight: 700 | 800): number {
  if (context === undefined) {
    context = typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(1, 1).getContext('2d');
  }
  if (context === null) return text.length * 0.7;
  fontFamily ??= getComputedStyle(document.documentElement).fontFamily;
  context.font = `${weight} 100px ${fontFamily}`;
  return context.measureText(text).width / 100;
}

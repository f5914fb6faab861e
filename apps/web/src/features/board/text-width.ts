let context: OffscreenCanvasRenderingContext2D | null | undefined;
let fontFamily: string | undefined;
/** Callsigns and timers repeat from render to render: each is measured once. */
const measured = new Map<string, number>();

/**
 * How wide a text is in the page's font at `weight`, in ems: measured on a canvas, so that the board
 * can size its text to fit before drawing it. Without a canvas (jsdom, in tests), an estimate.
 */
export function textWidthEm(text: string, weight: 700 | 800): number {
  if (context === undefined) {
    context = typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(1, 1).getContext('2d');
  }
  if (context === null) return text.length * 0.7;
  const key = `${weight} ${text}`;
  let width = measured.get(key);
  if (width === undefined) {
    fontFamily ??= getComputedStyle(document.documentElement).fontFamily;
    context.font = `${weight} 100px ${fontFamily}`;
    width = context.measureText(text).width / 100;
    // Bounded: a board shows tens of callsigns a day, but a screen may stay up for months.
    if (measured.size >= 10_000) measured.clear();
    measured.set(key, width);
  }
  return width;
}

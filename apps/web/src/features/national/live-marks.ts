/**
 * Geometry of the marks the live charts draw themselves (see LiveBars and LiveLines): the same
 * positions recharts gives its own bars and lines, so a chart looks as it did while a refresh
 * re-renders only its marks, not the whole recharts tree.
 */

/** Where a bar sits in its band: recharts' rule for one bar per band (a gap each side, whole pixels). */
export function barSlot(
  bandSize: number,
  gap: number,
  maxBarSize?: number,
): { offset: number; size: number } {
  let size = bandSize - 2 * gap;
  if (size > 1) size = Math.round(size);
  const clipped = maxBarSize === undefined ? size : Math.min(size, maxBarSize);
  return { offset: gap + (size - clipped) / 2, size: clipped };
}

/** Pixels rounded as recharts writes them: rectangles to 4 decimals, lines (d3) to 3. */
const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;
const px = (value: number) => round(value, 4);

/** An SVG rectangle path as recharts draws one (no rounded corners); null when it has no area. */
export function rectanglePath(x: number, y: number, width: number, height: number): string | null {
  if (width === 0 || height === 0) return null;
  return `M ${px(x)},${px(y)} h ${px(width)} v ${px(height)} h ${px(-width)} Z`;
}

/**
 * A straight-segment line through the points, broken where a point is missing (null) unless
 * `connectNulls`, as recharts' linear curve does. Empty when nothing can be drawn.
 */
export function linePath(
  points: readonly ({ x: number; y: number } | null)[],
  connectNulls: boolean,
): string {
  let path = '';
  let drawing = false;
  for (const point of points) {
    if (point === null) {
      if (!connectNulls) drawing = false;
      continue;
    }
    path += `${drawing ? 'L' : 'M'}${round(point.x, 3)},${round(point.y, 3)}`;
    drawing = true;
  }
  return path;
}

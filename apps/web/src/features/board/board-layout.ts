/**
 * How to lay out N rows on a fixed screen without scrolling: how many columns, how tall each row, and
 * how many fit. Picks the layout with the largest main text (callsign and timer), which depends on the
 * row height, the column width and the widest callsign, timer and band label, which every row must show
 * whole; a layout with more columns must make the text noticeably larger.
 */
export interface BoardLayout {
  columns: number;
  rows: number;
  rowHeight: number;
  columnWidth: number;
  /** How many rows the layout holds; when fewer than asked, one slot is kept for "and N more". */
  capacity: number;
  /** One line per row when the column is wide enough; otherwise three lines when rows are tall, else two. */
  density: 'wide' | 'roomy' | 'compact';
  /** Font size of the callsign, in px (the timer's is CLOCK_SCALE times it). */
  mainSize: number;
  /** Font size of the band label, the marks and the facts, in px. */
  smallSize: number;
}

/** The widest texts on the board, each in ems of its own font size. */
export interface RowTexts {
  callsign: number;
  /** The timer's box: its number of characters times the width of a digit. */
  timer: number;
  bandLabel: number;
}

export interface LayoutLimits {
  minRowHeight: number;
  /** Row height a single column's rows may grow to even when their text no longer grows with them. */
  maxRowHeight: number;
  minColumnWidth: number;
  gap: number;
  /** Column width from which a row fits on one line. */
  wideFrom: number;
  /** Row height from which a narrower row has room for three lines. */
  roomyFrom: number;
}

export const BOARD_LIMITS: LayoutLimits = {
  minRowHeight: 56,
  maxRowHeight: 180,
  minColumnWidth: 420,
  gap: 8,
  wideFrom: 1300,
  roomyFrom: 130,
};

/** The timer's font size against the callsign's (board.css). */
export const CLOCK_SCALE = 1.08;

/**
 * Each density's share of the row height and of the column width for the main text, its flag's share
 * of the row height, and its small text as [least, share of the main text, most] (board.css draws
 * the flags and the gaps).
 */
const DENSITIES = {
  wide: { ofHeight: 0.5, ofWidth: 0.045, flag: 0.75, small: [16, 0.5, 36] },
  roomy: { ofHeight: 0.33, ofWidth: 0.085, flag: 0.5, small: [16, 0.48, 32] },
  compact: { ofHeight: 0.38, ofWidth: 0.085, flag: 0.62, small: [15, 0.52, 34] },
} as const;

/** Space between a row's parts and at its right end, in ems of the main text (board.css). */
const ROW_GAP = 0.4;
/** The band label's padding, both sides, in its own ems (board.css). */
const BAND_PADDING = 1;
/** The smallest callsign and timer text, in px, whatever does not fit. */
const MIN_MAIN_SIZE = 16;
/** How much larger the main text must be to take a layout with more columns. */
const MORE_COLUMNS_GAIN = 1.05;
/** The thickest border (critical rows, 4 px a side) and a pixel for rounding. */
const ROW_EDGES = 10;

export function chooseLayout(
  count: number,
  width: number,
  height: number,
  texts: RowTexts,
  limits = BOARD_LIMITS,
): BoardLayout {
  const { gap, minRowHeight, maxRowHeight } = limits;
  const maxColumns = Math.max(1, Math.floor((width + gap) / (limits.minColumnWidth + gap)));
  const shape = (columns: number, rows: number): BoardLayout => {
    const columnWidth = (width - (columns - 1) * gap) / columns;
    const filling = (height - (rows - 1) * gap) / rows;
    // One column is a list: its rows grow while their text does (as tall rows, wide or roomy), and to
    // maxRowHeight at least. Columns are a grid, which fills the screen.
    const wide = columnWidth >= limits.wideFrom;
    const { ofWidth, ofHeight } = DENSITIES[wide ? 'wide' : 'roomy'];
    const tallest = columns > 1 ? filling : Math.max(maxRowHeight, (columnWidth * ofWidth) / ofHeight);
    const rowHeight = Math.min(filling, tallest);
    const density = wide ? 'wide' : rowHeight >= limits.roomyFrom ? 'roomy' : 'compact';
    const { mainSize, smallSize } = textSizes(density, columnWidth, rowHeight, texts);
    return { columns, rows, rowHeight, columnWidth, capacity: columns * rows, density, mainSize, smallSize };
  };

  let best: BoardLayout | undefined;
  for (let columns = 1; columns <= maxColumns; columns++) {
    const candidate = shape(columns, Math.max(1, Math.ceil(count / columns)));
    if (candidate.rowHeight < minRowHeight) continue;
    // Another column narrows every row, leaving less room for marks and facts: worth it only for
    // noticeably larger text.
    if (best === undefined || candidate.mainSize > best.mainSize * MORE_COLUMNS_GAIN) best = candidate;
  }
  if (best !== undefined) return best;
  // Too many to fit at a readable size: fill the screen and say how many more there are.
  const rows = Math.max(1, Math.floor((height + gap) / (minRowHeight + gap)));
  return shape(maxColumns, rows);
}

/**
 * The largest text the row's height and width allow, made smaller still when the widest callsign and
 * timer (and band label) would not fit the row whole at that size.
 */
function textSizes(
  density: BoardLayout['density'],
  columnWidth: number,
  rowHeight: number,
  texts: RowTexts,
): { mainSize: number; smallSize: number } {
  const { ofHeight, ofWidth, flag, small } = DENSITIES[density];
  const [least, share, most] = small;
  const smallFor = (main: number) => Math.min(most, Math.max(least, main * share));
  const room = columnWidth - rowHeight * flag - ROW_EDGES;
  const fits = (main: number) => {
    const callsign = texts.callsign * main;
    const clock = texts.timer * main * CLOCK_SCALE;
    const band = (texts.bandLabel + BAND_PADDING) * smallFor(main);
    const gaps = (count: number) => count * ROW_GAP * main;
    switch (density) {
      // One line: callsign, marks, facts, band and timer (marks and facts may be left out).
      case 'wide':
        return callsign + band + clock + gaps(6) <= room;
      // The band sits under the timer, in its column.
      case 'roomy':
        return callsign + Math.max(clock, band) + gaps(3) <= room;
      // Callsign, marks and timer on the first line; facts and band on the second.
      case 'compact':
        return callsign + clock + gaps(4) <= room && band + gaps(2) + 0.6 * smallFor(main) <= room;
    }
  };

  let mainSize = Math.min(rowHeight * ofHeight, columnWidth * ofWidth);
  if (!fits(mainSize)) {
    // Every width above grows with the text: halve the interval to the largest size that fits.
    let low = 0;
    let high = mainSize;
    for (let step = 0; step < 16; step++) {
      const middle = (low + high) / 2;
      if (fits(middle)) low = middle;
      else high = middle;
    }
    // A screen too narrow for the row at any readable size still gets readable text, cut at the edge.
    mainSize = Math.max(low, MIN_MAIN_SIZE);
  }
  return { mainSize, smallSize: smallFor(mainSize) };
}

/**
 * How to lay out N rows on a fixed screen without scrolling: how many columns, how tall each row, and
 * how many fit. Picks the layout with the largest main text (callsign and timer), which depends on both
 * the row height and the column width; ties go to fewer columns.
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
}

export interface LayoutLimits {
  minRowHeight: number;
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

export function chooseLayout(
  count: number,
  width: number,
  height: number,
  limits = BOARD_LIMITS,
): BoardLayout {
  const { gap, minRowHeight, maxRowHeight } = limits;
  const maxColumns = Math.max(1, Math.floor((width + gap) / (limits.minColumnWidth + gap)));
  const shape = (columns: number, rows: number): BoardLayout => {
    const columnWidth = (width - (columns - 1) * gap) / columns;
    const rowHeight = Math.min(maxRowHeight, (height - (rows - 1) * gap) / rows);
    const density =
      columnWidth >= limits.wideFrom ? 'wide' : rowHeight >= limits.roomyFrom ? 'roomy' : 'compact';
    return { columns, rows, rowHeight, columnWidth, capacity: columns * rows, density };
  };

  let best: BoardLayout | undefined;
  let bestScore = -1;
  for (let columns = 1; columns <= maxColumns; columns++) {
    const candidate = shape(columns, Math.max(1, Math.ceil(count / columns)));
    if (candidate.rowHeight < minRowHeight) continue;
    const score = Math.round(mainTextSize(candidate));
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  if (best !== undefined) return best;
  // Too many to fit at a readable size: fill the screen and say how many more there are.
  const rows = Math.max(1, Math.floor((height + gap) / (minRowHeight + gap)));
  return shape(maxColumns, rows);
}

/** Roughly the font size the callsign and timer get: bounded by the row's height and the column's width. */
function mainTextSize(layout: BoardLayout): number {
  const share = { wide: [0.5, 0.045], roomy: [0.33, 0.085], compact: [0.38, 0.085] } as const;
  const [ofHeight, ofWidth] = share[layout.density];
  return Math.min(layout.rowHeight * ofHeight, layout.columnWidth * ofWidth);
}

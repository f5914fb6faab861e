import { describe, expect, it } from 'vitest';
import { BOARD_LIMITS, type BoardLayout, CLOCK_SCALE, chooseLayout, type RowTexts } from './board-layout';

// The row area of a 1920x1080 landscape screen and a 1080x1920 portrait one, after header and footer,
// and of a 1366x768 screen, whose header leaves little.
const LANDSCAPE = { width: 1896, height: 790 };
const PORTRAIT = { width: 1056, height: 1450 };
const SMALL = { width: 1342, height: 384 };

// Widths in ems of a bold sans-serif (Arial's): "RYA 5697", a digit, "Within 15 min".
const DIGIT = 0.556;
const TYPICAL: RowTexts = { callsign: 4.49, timer: 5 * DIGIT, bandLabel: 6.49 };
/** A patient waiting since yesterday: "22:02:17". */
const PAST_TEN_HOURS: RowTexts = { ...TYPICAL, timer: 8 * DIGIT };
/** The longest callsign seen ("John Smith 1234") and the longest band label ("Over 45 min: release due"). */
const LONGEST: RowTexts = { callsign: 7.95, timer: 8 * DIGIT, bandLabel: 11.84 };

/**
 * The width board.css needs for a row's callsign and timer line at the layout's sizes: the flag, the
 * texts, the gaps between the row's parts and at its end (0.4 em each) and the thickest borders. On one
 * line (wide), the band label is there too; in three lines (roomy) it shares the timer's column.
 */
function neededWidth(layout: BoardLayout, texts: RowTexts): number {
  const { density, rowHeight, mainSize, smallSize } = layout;
  const flag = { wide: 0.75, roomy: 0.5, compact: 0.62 }[density] * rowHeight;
  const gaps = { wide: 6, roomy: 3, compact: 4 }[density] * 0.4 * mainSize;
  const callsign = texts.callsign * mainSize;
  const timer = texts.timer * CLOCK_SCALE * mainSize;
  const band = (texts.bandLabel + 1) * smallSize;
  const rest = density === 'wide' ? timer + band : density === 'roomy' ? Math.max(timer, band) : timer;
  return flag + gaps + 8 + callsign + rest;
}

function usedHeight(layout: BoardLayout): number {
  return layout.rows * layout.rowHeight + (layout.rows - 1) * BOARD_LIMITS.gap;
}

describe('board layout', () => {
  it('gives a few ambulances full-width rows at the largest size', () => {
    const layout = chooseLayout(3, LANDSCAPE.width, LANDSCAPE.height, TYPICAL);
    expect(layout).toMatchObject({ columns: 1, density: 'wide', rowHeight: BOARD_LIMITS.maxRowHeight });
  });

  it.each([20, 30, 40])('fits %i ambulances on a landscape screen with readable rows', (count) => {
    const layout = chooseLayout(count, LANDSCAPE.width, LANDSCAPE.height, TYPICAL);
    expect(layout.capacity).toBeGreaterThanOrEqual(count);
    expect(layout.rowHeight).toBeGreaterThanOrEqual(BOARD_LIMITS.minRowHeight);
    expect(layout.columnWidth).toBeGreaterThanOrEqual(BOARD_LIMITS.minColumnWidth);
  });

  it.each([20, 30, 40])('fits %i ambulances on a portrait screen with readable rows', (count) => {
    const layout = chooseLayout(count, PORTRAIT.width, PORTRAIT.height, TYPICAL);
    expect(layout.capacity).toBeGreaterThanOrEqual(count);
    expect(layout.rowHeight).toBeGreaterThanOrEqual(BOARD_LIMITS.minRowHeight);
  });

  it('fills the screen at the smallest readable size when there are too many', () => {
    const layout = chooseLayout(200, LANDSCAPE.width, LANDSCAPE.height, TYPICAL);
    expect(layout.capacity).toBeLessThan(200);
    expect(layout.rowHeight).toBeGreaterThanOrEqual(BOARD_LIMITS.minRowHeight);
    expect(usedHeight(layout)).toBeLessThanOrEqual(LANDSCAPE.height);
  });

  it('never lays out wider or taller than the space it has', () => {
    for (const area of [LANDSCAPE, PORTRAIT, SMALL]) {
      for (let count = 1; count <= 60; count++) {
        const layout = chooseLayout(count, area.width, area.height, LONGEST);
        const width = layout.columns * layout.columnWidth + (layout.columns - 1) * BOARD_LIMITS.gap;
        expect(usedHeight(layout)).toBeLessThanOrEqual(area.height + 0.001);
        expect(width).toBeLessThanOrEqual(area.width + 0.001);
      }
    }
  });

  it('gives 9 rows with timers past 10 hours columns wide enough for callsign and timer', () => {
    const layout = chooseLayout(9, 1896, 726, PAST_TEN_HOURS);
    expect(neededWidth(layout, PAST_TEN_HOURS)).toBeLessThanOrEqual(layout.columnWidth);
    // Nor a band left empty below the rows.
    expect(usedHeight(layout)).toBeCloseTo(726);
  });

  it.each([
    ['landscape', LANDSCAPE],
    ['portrait', PORTRAIT],
    ['1366x768', SMALL],
  ])('shows the widest callsign, timer and band label whole on a %s screen', (_, area) => {
    for (const texts of [TYPICAL, PAST_TEN_HOURS, LONGEST]) {
      for (let count = 1; count <= 40; count++) {
        const layout = chooseLayout(count, area.width, area.height, texts);
        expect(neededWidth(layout, texts), `${count} rows`).toBeLessThanOrEqual(layout.columnWidth);
      }
    }
  });

  it('makes the text smaller for a longer timer rather than cutting it', () => {
    const short = chooseLayout(9, SMALL.width, SMALL.height, TYPICAL);
    const long = chooseLayout(9, SMALL.width, SMALL.height, PAST_TEN_HOURS);
    expect(long.columns).toBe(short.columns);
    expect(long.mainSize).toBeLessThan(short.mainSize);
  });

  it('fills the height once the rows are in columns', () => {
    for (const area of [LANDSCAPE, PORTRAIT, SMALL]) {
      for (let count = 1; count <= 40; count++) {
        const layout = chooseLayout(count, area.width, area.height, TYPICAL);
        if (layout.columns > 1) expect(usedHeight(layout), `${count} rows`).toBeCloseTo(area.height);
      }
    }
  });

  it('lets a few rows on a portrait screen grow while their text does', () => {
    const layout = chooseLayout(4, PORTRAIT.width, PORTRAIT.height, TYPICAL);
    expect(layout.rowHeight).toBeGreaterThan(BOARD_LIMITS.maxRowHeight);
    const capped = chooseLayout(4, PORTRAIT.width, PORTRAIT.height, TYPICAL, {
      ...BOARD_LIMITS,
      maxRowHeight: layout.rowHeight + 50,
    });
    expect(capped.mainSize).toBeCloseTo(layout.mainSize);
  });

  it('keeps readable text on a screen too narrow for the row at any size', () => {
    const layout = chooseLayout(3, 240, 600, PAST_TEN_HOURS);
    expect(layout.mainSize).toBeGreaterThanOrEqual(16);
  });
});

import { describe, expect, it } from 'vitest';
import { BOARD_LIMITS, chooseLayout } from './board-layout';

// The row area of a 1920x1080 landscape screen and a 1080x1920 portrait one, after header and footer.
const LANDSCAPE = { width: 1896, height: 790 };
const PORTRAIT = { width: 1056, height: 1450 };

describe('board layout', () => {
  it('gives a few ambulances full-width rows at the largest size', () => {
    const layout = chooseLayout(3, LANDSCAPE.width, LANDSCAPE.height);
    expect(layout).toMatchObject({ columns: 1, density: 'wide', rowHeight: BOARD_LIMITS.maxRowHeight });
  });

  it.each([20, 30, 40])('fits %i ambulances on a landscape screen with readable rows', (count) => {
    const layout = chooseLayout(count, LANDSCAPE.width, LANDSCAPE.height);
    expect(layout.capacity).toBeGreaterThanOrEqual(count);
    expect(layout.rowHeight).toBeGreaterThanOrEqual(BOARD_LIMITS.minRowHeight);
    expect(layout.columnWidth).toBeGreaterThanOrEqual(BOARD_LIMITS.minColumnWidth);
  });

  it.each([20, 30, 40])('fits %i ambulances on a portrait screen with readable rows', (count) => {
    const layout = chooseLayout(count, PORTRAIT.width, PORTRAIT.height);
    expect(layout.capacity).toBeGreaterThanOrEqual(count);
    expect(layout.rowHeight).toBeGreaterThanOrEqual(BOARD_LIMITS.minRowHeight);
  });

  it('fills the screen at the smallest readable size when there are too many', () => {
    const layout = chooseLayout(200, LANDSCAPE.width, LANDSCAPE.height);
    expect(layout.capacity).toBeLessThan(200);
    expect(layout.rowHeight).toBeGreaterThanOrEqual(BOARD_LIMITS.minRowHeight);
    const height = layout.rows * layout.rowHeight + (layout.rows - 1) * BOARD_LIMITS.gap;
    expect(height).toBeLessThanOrEqual(LANDSCAPE.height);
  });

  it('never lays out wider or taller than the space it has', () => {
    for (let count = 1; count <= 60; count++) {
      const layout = chooseLayout(count, PORTRAIT.width, PORTRAIT.height);
      const height = layout.rows * layout.rowHeight + (layout.rows - 1) * BOARD_LIMITS.gap;
      const width = layout.columns * layout.columnWidth + (layout.columns - 1) * BOARD_LIMITS.gap;
      expect(height).toBeLessThanOrEqual(PORTRAIT.height + 0.001);
      expect(width).toBeLessThanOrEqual(PORTRAIT.width + 0.001);
    }
  });
});

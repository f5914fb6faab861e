import { describe, expect, it } from 'vitest';
import { barSlot, linePath, rectanglePath } from './live-marks';

describe('live chart marks', () => {
  it('places a bar in its band as recharts does: a gap each side, whole pixels, at most the maximum', () => {
    expect(barSlot(22.76, 1)).toEqual({ offset: 1, size: 21 });
    expect(barSlot(100, 22)).toEqual({ offset: 22, size: 56 });
    // Too wide: kept to the maximum, centred in what it would have been.
    expect(barSlot(100, 10, 34)).toEqual({ offset: 33, size: 34 });
    expect(barSlot(2.5, 1)).toEqual({ offset: 1, size: 0.5 });
  });

  it('draws rectangles as recharts does, nothing without area', () => {
    expect(rectanglePath(1, 2, 3, 4)).toBe('M 1,2 h 3 v 4 h -3 Z');
    expect(rectanglePath(1 / 3, 2, 3, 4)).toBe('M 0.3333,2 h 3 v 4 h -3 Z');
    expect(rectanglePath(1, 2, 3, 0)).toBeNull();
  });

  it('breaks a line at missing points unless told to connect them', () => {
    const points = [{ x: 0, y: 5 }, { x: 1, y: 6 }, null, { x: 3, y: 7 }];
    expect(linePath(points, false)).toBe('M0,5L1,6M3,7');
    expect(linePath(points, true)).toBe('M0,5L1,6L3,7');
    expect(linePath([null], false)).toBe('');
    expect(linePath([{ x: 1 / 3, y: 2 }], false)).toBe('M0.333,2');
  });
});

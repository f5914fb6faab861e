import { describe, expect, it } from 'vitest';
import { clockDuration, decimalHours, parseClockDuration, percent, wholeMs } from './report-format';

describe('report formats', () => {
  it('writes decimal hours to 5 places as NHS England does', () => {
    // RC9 on 2025-11-24: 179,984 s of handover time is published as 49.99556 hours.
    expect(decimalHours(179_984_000)).toBe(49.99556);
    expect(decimalHours(0)).toBe(0);
    expect(decimalHours(3_600_000)).toBe(1);
    // 18 ms is exactly half of 0.00001 h: a tie, upwards.
    expect(decimalHours(18)).toBe(0.00001);
    expect(decimalHours(17)).toBe(0);
  });

  it('writes percentages to one decimal from the exact counts', () => {
    expect(percent(8 / 13, 13)).toBe(61.5);
    // 49/80 = 61.25 %: a tie, upwards (from the share alone, float noise could round it down).
    expect(percent(49 / 80, 80)).toBe(61.3);
    expect(percent(1, 7)).toBe(100);
    expect(percent(null, 0)).toBeNull();
    expect(percent(0, 0)).toBeNull();
  });

  it('rounds durations to whole milliseconds', () => {
    expect(wholeMs(179_984_000 / 155)).toBe(1_161_187);
    expect(wholeMs(2.5)).toBe(3);
    expect(wholeMs(null)).toBeNull();
  });

  it('writes a mean as H:MM:SS.ffffff, dropping a zero fraction, like the published data', () => {
    expect(clockDuration(179_984_000 / 155)).toBe('0:19:21.187000');
    expect(clockDuration(909_000)).toBe('0:15:09');
    expect(clockDuration(5_072_290.598)).toBe('1:24:32.291000');
    expect(clockDuration(25 * 3_600_000 + 1)).toBe('25:00:00.001000');
    expect(clockDuration(null)).toBe('');
  });

  it('reads durations back, in both published layouts', () => {
    expect(parseClockDuration('0:19:21.187000')).toBe(1_161_187);
    expect(parseClockDuration('00:27:42.354000')).toBe(1_662_354);
    expect(parseClockDuration('0:15:09')).toBe(909_000);
    expect(parseClockDuration('')).toBeNull();
    expect(() => parseClockDuration('15 minutes')).toThrow(RangeError);
  });
});

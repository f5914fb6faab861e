import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './timestamp';

describe('parseTimestamp', () => {
  it.each([
    ['2026-01-12T10:04:00Z', Date.UTC(2026, 0, 12, 10, 4, 0)],
    ['2026-07-12T11:04:00.250+01:00', Date.UTC(2026, 6, 12, 10, 4, 0, 250)],
    ['2026-11-22T08:30:00-05:30', Date.UTC(2026, 10, 22, 14, 0, 0)],
    ['2028-02-29T23:59:59Z', Date.UTC(2028, 1, 29, 23, 59, 59)],
    ['2026-12-31T23:59:59.999999Z', Date.UTC(2026, 11, 31, 23, 59, 59, 999)],
  ])('reads %s', (text, expected) => {
    expect(parseTimestamp(text)).toBe(expected);
  });

  it.each([
    ['a day February does not have', '2026-02-30T09:00:00Z'],
    ['29 February outside a leap year', '2026-02-29T09:00:00Z'],
    ['31 June', '2026-06-31T09:00:00Z'],
    ['month 13', '2026-13-01T09:00:00Z'],
    ['month 0', '2026-00-10T09:00:00Z'],
    ['day 0', '2026-01-00T09:00:00Z'],
    ['24:00 (Date.parse reads it as the next midnight)', '2026-11-21T24:00:00Z'],
    ['minute 60', '2026-11-21T10:60:00Z'],
    ['a leap second', '2026-12-31T23:59:60Z'],
    ['an offset of 24 hours', '2026-11-21T10:00:00+24:00'],
    ['no seconds', '2026-11-22T08:30Z'],
    ['no offset', '2026-11-22T08:30:00'],
    ['an offset without a colon', '2026-11-22T08:30:00+0100'],
    ['a date alone', '2026-11-22'],
    ['text', 'quarter past ten'],
  ])('refuses %s', (_case, text) => {
    expect(parseTimestamp(text)).toBeUndefined();
  });
});

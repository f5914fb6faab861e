import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDay,
  hourStart,
  LONDON,
  latestCutoffAtOrBefore,
  localDateOf,
  localTimeToInstant,
  periodOf,
  reportPeriod,
} from './periods';

const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);
const hours = (period: { start: number; end: number }): number => (period.end - period.start) / HOUR;

// Dates from 2020-01-01 to 2035-12-31, drawn as day offsets so every calendar date is equally likely.
const FIRST_DATE = '2020-01-01';
const DAYS_2020_TO_2035 = 5844;
const anyDate = fc
  .integer({ min: 0, max: DAYS_2020_TO_2035 - 1 })
  .map((offset) => addDays(FIRST_DATE, offset));

/** The UK changes its clocks at 01:00 UTC on the last Sunday of March and of October. */
function isLastSundayOf(date: string, month: number): boolean {
  const [year, m, day] = date.split('-').map(Number) as [number, number, number];
  const isSunday = new Date(Date.UTC(year, m - 1, day)).getUTCDay() === 0;
  return m === month && isSunday && day + 7 > 31;
}

describe('LONDON', () => {
  it('is the IANA zone name', () => {
    expect(LONDON).toBe('Europe/London');
  });
});

describe('localDateOf', () => {
  it('reads the London date around midnight in summer (BST, UTC+1)', () => {
    expect(localDateOf(at('2026-07-14T22:59:59.999Z'))).toBe('2026-07-14');
    expect(localDateOf(at('2026-07-14T23:00:00Z'))).toBe('2026-07-15');
  });

  it('reads the London date around midnight in winter (GMT, UTC+0)', () => {
    expect(localDateOf(at('2026-01-14T23:59:59.999Z'))).toBe('2026-01-14');
    expect(localDateOf(at('2026-01-15T00:00:00Z'))).toBe('2026-01-15');
  });

  it('takes another zone', () => {
    expect(localDateOf(at('2026-07-14T23:00:00Z'), 'America/New_York')).toBe('2026-07-14');
  });

  it('rejects an instant that is not a number of milliseconds', () => {
    expect(() => localDateOf(Number.NaN)).toThrow(RangeError);
  });
});

describe('localTimeToInstant', () => {
  it('converts winter and summer wall times', () => {
    expect(localTimeToInstant('2026-01-15', '16:00')).toBe(at('2026-01-15T16:00:00Z'));
    expect(localTimeToInstant('2026-07-15', '16:00')).toBe(at('2026-07-15T15:00:00Z'));
    expect(localTimeToInstant('2026-07-15', '00:00')).toBe(at('2026-07-14T23:00:00Z'));
  });

  it('maps a wall time in the spring-forward gap to the instant the clocks change', () => {
    // 2026-03-29: 01:00 GMT becomes 02:00 BST, so 01:00 to 01:59 never appear on a London clock.
    expect(localTimeToInstant('2026-03-29', '01:30')).toBe(at('2026-03-29T01:00:00Z'));
    expect(localTimeToInstant('2026-03-29', '01:00')).toBe(at('2026-03-29T01:00:00Z'));
    expect(localTimeToInstant('2026-03-29', '00:59')).toBe(at('2026-03-29T00:59:00Z'));
    expect(localTimeToInstant('2026-03-29', '02:00')).toBe(at('2026-03-29T01:00:00Z'));
    expect(localTimeToInstant('2026-03-29', '02:01')).toBe(at('2026-03-29T01:01:00Z'));
  });

  it('maps an ambiguous autumn wall time to its first occurrence', () => {
    // 2026-10-25: 02:00 BST becomes 01:00 GMT, so 01:00 to 01:59 happen twice.
    expect(localTimeToInstant('2026-10-25', '01:30')).toBe(at('2026-10-25T00:30:00Z'));
    expect(localTimeToInstant('2026-10-25', '01:00')).toBe(at('2026-10-25T00:00:00Z'));
    expect(localTimeToInstant('2026-10-25', '00:59')).toBe(at('2026-10-24T23:59:00Z'));
    expect(localTimeToInstant('2026-10-25', '02:00')).toBe(at('2026-10-25T02:00:00Z'));
  });

  it('uses the first real instant of a day whose midnight is skipped (Brazil, 2018)', () => {
    // Sao Paulo went from 00:00 -03 straight to 01:00 -02 on 2018-11-04.
    expect(localTimeToInstant('2018-11-04', '00:00', 'America/Sao_Paulo')).toBe(at('2018-11-04T03:00:00Z'));
    expect(hours(calendarDay('2018-11-04', 'America/Sao_Paulo'))).toBe(23);
  });

  it('handles half-hour clock changes (Lord Howe Island)', () => {
    // 2026-04-05: 02:00 +11 becomes 01:30 +10:30, a 24.5-hour day.
    expect(hours(calendarDay('2026-04-05', 'Australia/Lord_Howe'))).toBe(24.5);
  });

  it('rejects malformed dates and times', () => {
    expect(() => localTimeToInstant('2026-02-30', '12:00')).toThrow('Not a calendar date');
    expect(() => localTimeToInstant('2026-2-3', '12:00')).toThrow(RangeError);
    expect(() => localTimeToInstant('2026-02-03', '24:00')).toThrow('Not a time of day');
    expect(() => localTimeToInstant('2026-02-03', '9:00')).toThrow(RangeError);
  });

  it('rejects an unknown time zone', () => {
    expect(() => localTimeToInstant('2026-02-03', '09:00', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  it('round-trips with localDateOf for any London date and wall time, even one in a gap', () => {
    const time = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(anyDate, time, (date, hhmm) => {
        expect(localDateOf(localTimeToInstant(date, hhmm))).toBe(date);
      }),
    );
  });
});

describe('addDays', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-03-29', 0)).toBe('2026-03-29');
  });

  it('keeps four-digit years below 100 (no 19xx surprise)', () => {
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it('rejects a fractional number of days', () => {
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('calendarDay', () => {
  it('is 24 hours on an ordinary day, starting at local midnight', () => {
    expect(calendarDay('2026-07-15')).toEqual({
      start: at('2026-07-14T23:00:00Z'),
      end: at('2026-07-15T23:00:00Z'),
    });
    expect(hours(calendarDay('2026-01-15'))).toBe(24);
  });

  it('is 23 hours when the clocks go forward (2026-03-29)', () => {
    expect(calendarDay('2026-03-29')).toEqual({
      start: at('2026-03-29T00:00:00Z'),
      end: at('2026-03-29T23:00:00Z'),
    });
  });

  it('is 25 hours when the clocks go back (2026-10-25)', () => {
    expect(calendarDay('2026-10-25')).toEqual({
      start: at('2026-10-24T23:00:00Z'),
      end: at('2026-10-26T00:00:00Z'),
    });
  });

  it('is 23, 24 or 25 hours, and 23 or 25 only on the last Sunday of March or October', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const expected = isLastSundayOf(date, 3) ? 23 : isLastSundayOf(date, 10) ? 25 : 24;
        expect(hours(calendarDay(date))).toBe(expected);
      }),
    );
  });

  it('tiles time: each day ends where the next begins', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        expect(calendarDay(date).end).toBe(calendarDay(addDays(date, 1)).start);
      }),
    );
  });

  it('starts on its own date', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const day = calendarDay(date);
        expect(localDateOf(day.start)).toBe(date);
        expect(localDateOf(day.end - 1)).toBe(date);
      }),
    );
  });
});

describe('reportPeriod', () => {
  it('is the 24 hours to 16:00 on an ordinary winter day', () => {
    expect(reportPeriod('2026-01-15')).toEqual({
      start: at('2026-01-14T16:00:00Z'),
      end: at('2026-01-15T16:00:00Z'),
    });
  });

  it('ends at 15:00Z on a summer date (16:00 BST)', () => {
    expect(reportPeriod('2026-07-15')).toEqual({
      start: at('2026-07-14T15:00:00Z'),
      end: at('2026-07-15T15:00:00Z'),
    });
  });

  it('covers 23 real hours across the spring clock change', () => {
    const period = reportPeriod('2026-03-29');
    expect(period).toEqual({ start: at('2026-03-28T16:00:00Z'), end: at('2026-03-29T15:00:00Z') });
    expect(hours(period)).toBe(23);
  });

  it('covers 25 real hours across the autumn clock change', () => {
    const period = reportPeriod('2026-10-25');
    expect(period).toEqual({ start: at('2026-10-24T15:00:00Z'), end: at('2026-10-25T16:00:00Z') });
    expect(hours(period)).toBe(25);
  });

  it('takes a cut-off, a length and a zone', () => {
    expect(reportPeriod('2026-01-15', { cutoff: '08:30', lengthHours: 12 })).toEqual({
      start: at('2026-01-14T20:30:00Z'),
      end: at('2026-01-15T08:30:00Z'),
    });
    expect(reportPeriod('2026-01-15', { lengthHours: 48 })).toEqual({
      start: at('2026-01-13T16:00:00Z'),
      end: at('2026-01-15T16:00:00Z'),
    });
    expect(reportPeriod('2026-01-15', { timeZone: 'America/New_York' })).toEqual({
      start: at('2026-01-14T21:00:00Z'),
      end: at('2026-01-15T21:00:00Z'),
    });
  });

  it('is empty when a one-hour period falls wholly in the spring gap', () => {
    expect(reportPeriod('2026-03-29', { cutoff: '02:00', lengthHours: 1 })).toEqual({
      start: at('2026-03-29T01:00:00Z'),
      end: at('2026-03-29T01:00:00Z'),
    });
  });

  it('rejects a length that is not a positive whole number of hours, and a bad cut-off', () => {
    expect(() => reportPeriod('2026-01-15', { lengthHours: 0 })).toThrow(RangeError);
    expect(() => reportPeriod('2026-01-15', { lengthHours: 1.5 })).toThrow(RangeError);
    expect(() => reportPeriod('2026-01-15', { cutoff: '4pm' })).toThrow('Not a time of day');
  });

  it('ends a day whose cut-off falls in the spring gap at the clock change: it and the next are 23.5 hours', () => {
    const gapDay = reportPeriod('2032-03-28', { cutoff: '01:30' });
    expect(hours(gapDay)).toBe(23.5);
    expect(hours(reportPeriod('2032-03-29', { cutoff: '01:30' }))).toBe(23.5);
  });

  it('tiles time: consecutive daily reports meet with no gap or overlap', () => {
    const cutoff = fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(anyDate, cutoff, (date, time) => {
        const today = reportPeriod(date, { cutoff: time });
        const tomorrow = reportPeriod(addDays(date, 1), { cutoff: time });
        expect(today.end).toBe(tomorrow.start);
        // 23, 24 or 25 hours; a cut-off inside the spring gap (01:30) is the clock change itself
        // (localTimeToInstant), so that day and the next can be 23.5.
        expect(hours(today)).toBeGreaterThanOrEqual(23);
        expect(hours(today)).toBeLessThanOrEqual(25);
      }),
    );
  });
});

describe('periodOf', () => {
  it('makes a period when from < to', () => {
    expect(periodOf(1, 2)).toEqual({ start: 1, end: 2 });
  });

  it('rejects an empty, reversed or non-finite period', () => {
    expect(() => periodOf(2, 2)).toThrow(RangeError);
    expect(() => periodOf(3, 2)).toThrow('Period must start before it ends');
    expect(() => periodOf(Number.NaN, 2)).toThrow('finite instants');
    expect(() => periodOf(0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('hourStart', () => {
  it('truncates to the hour', () => {
    expect(hourStart(at('2026-07-15T14:59:59.999Z'))).toBe(at('2026-07-15T14:00:00Z'));
    expect(hourStart(at('2026-07-15T15:00:00Z'))).toBe(at('2026-07-15T15:00:00Z'));
  });

  it('truncates towards the past before 1970', () => {
    expect(hourStart(-1)).toBe(-HOUR);
  });
});

describe('latestCutoffAtOrBefore', () => {
  it("returns today's cut-off once it has passed, including exactly at it", () => {
    expect(latestCutoffAtOrBefore(at('2026-07-15T15:00:00Z'))).toEqual({
      reportDate: '2026-07-15',
      at: at('2026-07-15T15:00:00Z'),
    });
    expect(latestCutoffAtOrBefore(at('2026-07-15T22:59:00Z'))).toEqual({
      reportDate: '2026-07-15',
      at: at('2026-07-15T15:00:00Z'),
    });
  });

  it("returns yesterday's cut-off before today's", () => {
    expect(latestCutoffAtOrBefore(at('2026-07-15T14:59:59.999Z'))).toEqual({
      reportDate: '2026-07-14',
      at: at('2026-07-14T15:00:00Z'),
    });
    // 00:30 BST on the 15th is still the 14th in UTC.
    expect(latestCutoffAtOrBefore(at('2026-07-14T23:30:00Z'))).toEqual({
      reportDate: '2026-07-14',
      at: at('2026-07-14T15:00:00Z'),
    });
  });

  it('takes a cut-off and zone', () => {
    expect(latestCutoffAtOrBefore(at('2026-01-15T09:00:00Z'), '08:00', 'Europe/Paris')).toEqual({
      reportDate: '2026-01-15',
      at: at('2026-01-15T07:00:00Z'),
    });
  });

  it('is at or before now, and the report it closes ends at it', () => {
    const now = fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2035-12-31T00:00:00Z') });
    fc.assert(
      fc.property(now, (instant) => {
        const latest = latestCutoffAtOrBefore(instant);
        expect(latest.at).toBeLessThanOrEqual(instant);
        expect(reportPeriod(latest.reportDate).end).toBe(latest.at);
        expect(reportPeriod(addDays(latest.reportDate, 1)).end).toBeGreaterThan(instant);
      }),
    );
  });
});

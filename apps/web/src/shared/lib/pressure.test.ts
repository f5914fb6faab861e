import { ENGLAND_2025 } from '@handover/domain';
import { describe, expect, it } from 'vitest';
import { byPressure, isPastMaximum, type PressureSortable, pressureLabel, pressureOf } from './pressure';

const MINUTE = 60_000;

function site(
  name: string,
  longestMinutes: number | null,
  hoursLostNowMinutes = 0,
  heldNow = 1,
): PressureSortable {
  const longestWaitMs = longestMinutes === null ? null : longestMinutes * MINUTE;
  return {
    name,
    pressure: pressureOf(longestWaitMs, ENGLAND_2025),
    figures: {
      longestWaitMs,
      hoursLostNowMs: hoursLostNowMinutes * MINUTE,
      heldNow: longestMinutes === null ? 0 : heldNow,
    },
  };
}

describe('site pressure', () => {
  it('is the band of the longest-held crew, strictly over each threshold', () => {
    expect(pressureOf(null, ENGLAND_2025)).toBe('none');
    expect(pressureOf(15 * MINUTE, ENGLAND_2025)).toBe('on_target');
    expect(pressureOf(15 * MINUTE + 1, ENGLAND_2025)).toBe('over_15');
    expect(pressureOf(45 * MINUTE + 1, ENGLAND_2025)).toBe('release_due');
    expect(pressureOf(61 * MINUTE, ENGLAND_2025)).toBe('over_60');
    expect(isPastMaximum('release_due') && isPastMaximum('over_60')).toBe(true);
    expect(isPastMaximum('over_30')).toBe(false);
    expect(pressureLabel('release_due', ENGLAND_2025)).toBe('Over 45 min');
    expect(pressureLabel('none', ENGLAND_2025)).toBe('No crews held');
  });

  it('sorts a site past 60 minutes above any number of crews past 30, quiet sites last', () => {
    const sites = [
      site('Quiet', null),
      site('Many over 30', 40, 300, 9),
      site('One over 60', 62, 47),
      site('Over 45', 50, 35),
      site('On target', 10),
    ];
    expect([...sites].sort(byPressure).map((s) => s.name)).toEqual([
      'One over 60',
      'Over 45',
      'Many over 30',
      'On target',
      'Quiet',
    ]);
  });

  it('within a band puts more hours being lost now first, then the longer wait, then names', () => {
    const sites = [site('B', 35, 20), site('A', 35, 20), site('Longer', 40, 20), site('Most lost', 32, 60)];
    expect([...sites].sort(byPressure).map((s) => s.name)).toEqual(['Most lost', 'Longer', 'A', 'B']);
  });
});

import { calendarDay, ENGLAND_2025, localDateOf } from '@handover/domain';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aggregateBySite, areaFigures, mergeSiteAggregates } from '../../shared/lib/area-figures';
import { MINUTE, T0, waitingHandover } from '../../test-support/handover-fixtures';
import { NationalFigures } from './national-figures';

const NOW = T0 + 3 * 60 * MINUTE;
const context = { now: NOW, thresholds: ENGLAND_2025, today: calendarDay(localDateOf(NOW)) };

function figuresWithCohorted(count: number) {
  const handovers = [
    waitingHandover('held', NOW - 20 * MINUTE),
    ...Array.from({ length: count }, (_, i) =>
      waitingHandover(`cohorted-${i}`, NOW - 30 * MINUTE, {
        state: 'cohorted',
        clearedAt: NOW - 25 * MINUTE,
      }),
    ),
  ];
  return areaFigures(
    mergeSiteAggregates('total', aggregateBySite(handovers, context).values()),
    ENGLAND_2025,
  );
}

describe('the national headline', () => {
  it('counts cohorted patients beside the crews waiting, one patient or several', () => {
    const { rerender } = render(
      <NationalFigures figures={figuresWithCohorted(1)} thresholds={ENGLAND_2025} />,
    );
    expect(screen.getByTestId('figure-waiting').textContent).toContain('plus 1 patient cohorted');
    rerender(<NationalFigures figures={figuresWithCohorted(3)} thresholds={ENGLAND_2025} />);
    expect(screen.getByTestId('figure-waiting').textContent).toContain('plus 3 patients cohorted');
  });
});

import { ENGLAND_2025 } from '@handover/domain';
import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { type AreaFigures, areaFigures, emptyAggregate } from '../lib/area-figures';
import { HoursLostCards, WithinTargetCard } from './area-figure-cards';
import { FigureCard } from './figure-card';

const HOUR = 3_600_000;

function figuresWith(patch: Partial<AreaFigures>, today: Partial<AreaFigures['today']> = {}): AreaFigures {
  const empty = areaFigures(emptyAggregate('X'), ENGLAND_2025);
  return { ...empty, ...patch, today: { ...empty.today, ...today } };
}

describe('figure cards', () => {
  it('shows what the figure is, the number and its note, with a red edge when it is an alert', () => {
    render(
      <dl>
        <FigureCard label="Past 45 min now" value="2" testId="past" alert>
          1 past 60 min
        </FigureCard>
        <FigureCard label="Crews held now" value="4" testId="held">
          waiting to hand over
        </FigureCard>
      </dl>,
    );
    const past = screen.getByTestId('past');
    expect(past.querySelector('dt')?.textContent).toBe('Past 45 min now');
    expect([...past.querySelectorAll('dd')].map((dd) => dd.textContent)).toEqual(['2', '1 past 60 min']);
    expect(past.classList.contains('figure-card--alert')).toBe(true);
    expect(screen.getByTestId('held').classList.contains('figure-card--alert')).toBe(false);
  });

  it('words the 15-minute share and the hours lost alike on every area screen', () => {
    render(
      <dl>
        <WithinTargetCard
          figures={figuresWith({}, { known: 2000, over15: 500, within15Share: 0.75 })}
          thresholds={ENGLAND_2025}
        />
        <HoursLostCards
          figures={figuresWith({ hoursLostNowMs: 2 * HOUR, hoursLostTodayMs: 5 * HOUR + 60_000 })}
          thresholds={ENGLAND_2025}
          todayTestId="lost-today"
        />
      </dl>,
    );
    expect(screen.getByTestId('figure-within-target').textContent).toBe(
      'Within 15 min today75%1,500 of 2,000 handovers',
    );
    expect(screen.getByTestId('figure-lost-now').textContent).toBe(
      'Hours lost now2 h 00 mincrews held beyond 15 min',
    );
    expect(screen.getByTestId('lost-today').textContent).toContain('5 h 01 min');
  });

  it('says when no handover is known yet today', () => {
    render(
      <dl>
        <WithinTargetCard figures={figuresWith({})} thresholds={ENGLAND_2025} />
      </dl>,
    );
    expect(screen.getByTestId('figure-within-target').textContent).toBe(
      'Within 15 min today–no handovers yet today',
    );
  });
});

import type { Thresholds } from '@handover/domain';
import type { AreaFigures } from '../../shared/lib/area-figures';
import { formatDurationWords } from '../../shared/lib/format-duration';
import { HoursLostCards, WithinTargetCard } from '../../shared/ui/area-figure-cards';
import { FigureCard } from '../../shared/ui/figure-card';
import { formatCount, formatCountOf } from '../../shared/ui/format-count';

/** The headline for England, a region or a trust: the 15-minute standard first, then time lost. */
export function NationalFigures({ figures, thresholds }: { figures: AreaFigures; thresholds: Thresholds }) {
  const [, , b3, b4] = thresholds.bandMinutes;
  const { today } = figures;
  return (
    <dl className="figure-cards national-figures">
      <WithinTargetCard figures={figures} thresholds={thresholds} />
      <FigureCard label="Handovers today" value={formatCount(today.allHandovers)} testId="figure-handovers">
        {`${formatCount(today.stillOpen)} still open, ${formatCount(today.over60)} took over ${b4} min`}
      </FigureCard>
      <FigureCard label="Crews waiting now" value={formatCount(figures.heldNow)} testId="figure-waiting">
        {figures.cohortedNow > 0
          ? `plus ${formatCountOf(figures.cohortedNow, 'patient')} cohorted`
          : 'waiting to hand over'}
      </FigureCard>
      <FigureCard
        label={`Past ${b3} min now`}
        value={formatCount(figures.over45Now)}
        testId="figure-past-maximum"
        alert={figures.over45Now > 0}
      >
        {`${formatCount(figures.over60Now)} past ${b4} min · longest ${
          figures.longestWaitMs === null ? '–' : formatDurationWords(figures.longestWaitMs)
        }`}
      </FigureCard>
      <HoursLostCards figures={figures} thresholds={thresholds} todayTestId="figure-hours-lost" />
    </dl>
  );
}

import type { Thresholds } from '@handover/domain';
import type { AreaFigures } from '../../shared/lib/area-figures';
import { formatDurationWords } from '../../shared/lib/format-duration';
import { HoursLostCards, WithinTargetCard } from '../../shared/ui/area-figure-cards';
import { FigureCard } from '../../shared/ui/figure-card';

/** The trust's headline: crews held and time lost lead; the 15-minute standard stays in view. */
export function ControlFigures({ figures, thresholds }: { figures: AreaFigures; thresholds: Thresholds }) {
  const [, , b3, b4] = thresholds.bandMinutes;
  return (
    <dl className="figure-cards control-figures">
      <FigureCard label="Crews held now" value={String(figures.heldNow)} testId="figure-held">
        {figures.cohortedNow > 0
          ? `plus ${figures.cohortedNow} cohorted (crew released)`
          : 'waiting to hand over'}
      </FigureCard>
      <FigureCard
        label={`Past ${b3} min now`}
        value={String(figures.over45Now)}
        testId="figure-past-maximum"
        alert={figures.over45Now > 0}
      >
        {figures.over60Now > 0 ? `${figures.over60Now} past ${b4} min` : `none past ${b4} min`}
      </FigureCard>
      <FigureCard
        label="Longest wait"
        value={figures.longestWaitMs === null ? '–' : formatDurationWords(figures.longestWaitMs)}
        testId="figure-longest"
      >
        of crews held now
      </FigureCard>
      <HoursLostCards figures={figures} thresholds={thresholds} todayTestId="figure-lost-today" />
      <WithinTargetCard figures={figures} thresholds={thresholds} />
    </dl>
  );
}

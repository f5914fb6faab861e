import type { Thresholds } from '@handover/domain';
import type { AreaFigures } from '../lib/area-figures';
import { formatHoursMinutes, formatPercent } from '../lib/format-duration';
import { FigureCard } from './figure-card';
import { formatCount } from './format-count';

/**
 * The figures every area's headline shows in the same words (a control room's trust, England, a
 * region, an acute trust), so the screens cannot drift apart.
 */
export function WithinTargetCard({ figures, thresholds }: { figures: AreaFigures; thresholds: Thresholds }) {
  const { today } = figures;
  return (
    <FigureCard
      label={`Within ${thresholds.bandMinutes[0]} min today`}
      value={formatPercent(today.within15Share)}
      testId="figure-within-target"
    >
      {today.known === 0
        ? 'no handovers yet today'
        : `${formatCount(today.known - today.over15)} of ${formatCount(today.known)} handovers`}
    </FigureCard>
  );
}

/** Time lost by crews held now, and today's (completed handovers plus crews held now). */
export function HoursLostCards({
  figures,
  thresholds,
  todayTestId,
}: {
  figures: AreaFigures;
  thresholds: Thresholds;
  todayTestId: string;
}) {
  const basis = thresholds.hoursLostBasisMinutes;
  return (
    <>
      <FigureCard
        label="Hours lost now"
        value={formatHoursMinutes(figures.hoursLostNowMs)}
        testId="figure-lost-now"
      >
        {`crews held beyond ${basis} min`}
      </FigureCard>
      <FigureCard
        label="Hours lost today"
        value={formatHoursMinutes(figures.hoursLostTodayMs)}
        testId={todayTestId}
      >
        {`beyond ${basis} min, incl. crews held now`}
      </FigureCard>
    </>
  );
}

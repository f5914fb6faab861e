import {
  calendarDay,
  computeLiveFigures,
  computeMetrics,
  type Handover,
  localDateOf,
  type Thresholds,
} from '@handover/domain';
import { useMemo } from 'react';
import { formatClock, formatHoursMinutes, formatPercent } from '../../shared/lib/format-duration';
import { FigureCard } from '../../shared/ui/figure-card';
import { serverNow } from '../../stores/live-store';
import { useTickNow } from '../../stores/tick-store';

/**
 * The headline figures, with the same domain functions the server's reports use: those of the patients
 * waiting now every second, today's when the handovers change. The 15-minute standard leads; 45 minutes is a backstop shown in the bands, not here. Hours lost
 * today adds the time already lost by patients still waiting to that of today's completed handovers,
 * so the figure does not jump when a long wait is finally handed over.
 */
export function BoardFigures({
  handovers,
  thresholds,
}: {
  handovers: readonly Handover[];
  thresholds: Thresholds;
}) {
  useTickNow();
  const now = serverNow();
  const live = computeLiveFigures(handovers, now, thresholds);
  const day = localDateOf(now);
  // Today's completed handovers change with events and at midnight, not with every tick.
  const today = useMemo(
    () => computeMetrics(handovers, calendarDay(day), { now: serverNow(), thresholds }),
    [handovers, day, thresholds],
  );
  const withinTarget = today.known - today.over15;
  const target = thresholds.targetMinutes;

  return (
    <dl className="figure-cards board-figures">
      <BoardFigure label="Waiting now" value={String(live.waitingNow)} testId="figure-waiting">
        {live.over15Now > 0 ? `${live.over15Now} over ${target} min` : `none over ${target} min`}
      </BoardFigure>
      <BoardFigure
        label="Longest wait"
        value={live.longestWaitMs === null ? '–' : formatClock(live.longestWaitMs)}
        testId="figure-longest"
      >
        {live.over60Now > 0
          ? `${live.over60Now} over ${thresholds.bandMinutes[3]} min`
          : 'of those waiting now'}
      </BoardFigure>
      <BoardFigure
        label={`Within ${target} min today`}
        value={formatPercent(today.within15Share)}
        testId="figure-within-target"
      >
        {today.known === 0 ? 'no handovers yet today' : `${withinTarget} of ${today.known} handovers`}
      </BoardFigure>
      <BoardFigure
        label="Hours lost today"
        value={formatHoursMinutes(today.hoursLost.ms + live.hoursLostNowMs)}
        testId="figure-hours-lost"
      >
        {`beyond ${today.hoursLost.basisMinutes} min, incl. waiting now`}
      </BoardFigure>
    </dl>
  );
}

/** A FigureCard of the wall display: larger type, and a number that ticks inside a fixed box. */
function BoardFigure(props: { label: string; value: string; testId: string; children: string }) {
  return <FigureCard {...props} valueClassName="board-figure__value" />;
}

import {
  calendarDay,
  computeLiveFigures,
  computeMetrics,
  type Handover,
  localDateOf,
  type Thresholds,
} from '@handover/domain';
import { formatClock, formatHoursMinutes, formatPercent } from '../../shared/lib/format-duration';
import { useLiveStore } from '../../stores/live-store';
import { useTickNow } from '../../stores/tick-store';

/**
 * The headline figures, recomputed every second with the same domain functions the server's reports
 * use. The 15-minute standard leads; 45 minutes is a backstop shown in the bands, not here. Hours lost
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
  const tick = useTickNow();
  const offset = useLiveStore((state) => state.serverOffsetMs);
  const now = tick + offset;
  const live = computeLiveFigures(handovers, now, thresholds);
  const today = computeMetrics(handovers, calendarDay(localDateOf(now)), { now, thresholds });
  const withinTarget = today.known - today.over15;
  const target = thresholds.targetMinutes;

  return (
    <dl className="board-figures">
      <Figure label="Waiting now" value={String(live.waitingNow)} testId="figure-waiting">
        {live.over15Now > 0 ? `${live.over15Now} over ${target} min` : `none over ${target} min`}
      </Figure>
      <Figure
        label="Longest wait"
        value={live.longestWaitMs === null ? '–' : formatClock(live.longestWaitMs)}
        testId="figure-longest"
      >
        {live.over60Now > 0
          ? `${live.over60Now} over ${thresholds.bandMinutes[3]} min`
          : 'of those waiting now'}
      </Figure>
      <Figure
        label={`Within ${target} min today`}
        value={formatPercent(today.within15Share)}
        testId="figure-within-target"
      >
        {today.known === 0 ? 'no handovers yet today' : `${withinTarget} of ${today.known} handovers`}
      </Figure>
      <Figure
        label="Hours lost today"
        value={formatHoursMinutes(today.hoursLost.ms + live.hoursLostNowMs)}
        testId="figure-hours-lost"
      >
        {`beyond ${today.hoursLost.basisMinutes} min, incl. waiting now`}
      </Figure>
    </dl>
  );
}

function Figure({
  label,
  value,
  testId,
  children,
}: {
  label: string;
  value: string;
  testId: string;
  children: string;
}) {
  return (
    <div className="board-figure" data-testid={testId}>
      <dt className="board-figure__label">{label}</dt>
      <dd className="board-figure__value">{value}</dd>
      <dd className="board-figure__note">{children}</dd>
    </div>
  );
}

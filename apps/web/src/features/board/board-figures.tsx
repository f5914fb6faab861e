import {
  calendarDay,
  computeLiveFigures,
  computeMetrics,
  type Handover,
  type LiveFigures,
  localDateOf,
  type Thresholds,
} from '@handover/domain';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { formatClock, formatHoursMinutes, formatPercent } from '../../shared/lib/format-duration';
import { useTickingText } from '../../shared/ui/elapsed';
import { FigureCard } from '../../shared/ui/figure-card';
import { serverNow } from '../../stores/live-store';
import { tickStore } from '../../stores/tick-store';
import { textWidthEm } from './text-width';

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
  // The live figures of the last tick, computed once per tick for every text that needs them.
  const liveNow = useMemo(() => {
    let at: number | undefined;
    let figures: LiveFigures | undefined;
    return (): LiveFigures => {
      const tick = tickStore.getState().now;
      if (figures === undefined || tick !== at) {
        at = tick;
        figures = computeLiveFigures(handovers, serverNow(), thresholds);
      }
      return figures;
    };
  }, [handovers, thresholds]);
  // Re-rendered when the counts or the day change; the two clocks below tick on their own.
  useStore(tickStore, () => countsKey(liveNow()));
  const live = liveNow();
  const day = localDateOf(serverNow());
  // Today's completed handovers change with events and at midnight, not with every tick.
  const today = useMemo(
    () => computeMetrics(handovers, calendarDay(day), { now: serverNow(), thresholds }),
    [handovers, day, thresholds],
  );
  const withinTarget = today.known - today.over15;
  const target = thresholds.targetMinutes;
  const longestWait = () => {
    const { longestWaitMs } = liveNow();
    return longestWaitMs === null ? '–' : formatClock(longestWaitMs);
  };
  const hoursLost = () => formatHoursMinutes(today.hoursLost.ms + liveNow().hoursLostNowMs);

  return (
    <dl className="figure-cards board-figures">
      <BoardFigure label="Waiting now" value={() => String(live.waitingNow)} testId="figure-waiting">
        {live.over15Now > 0 ? `${live.over15Now} over ${target} min` : `none over ${target} min`}
      </BoardFigure>
      <BoardFigure label="Longest wait" value={longestWait} testId="figure-longest">
        {live.over60Now > 0
          ? `${live.over60Now} over ${thresholds.bandMinutes[3]} min`
          : 'of those waiting now'}
      </BoardFigure>
      <BoardFigure
        label={`Within ${target} min today`}
        value={() => formatPercent(today.within15Share)}
        testId="figure-within-target"
      >
        {today.known === 0 ? 'no handovers yet today' : `${withinTarget} of ${today.known} handovers`}
      </BoardFigure>
      <BoardFigure label="Hours lost today" value={hoursLost} testId="figure-hours-lost">
        {`beyond ${today.hoursLost.basisMinutes} min, incl. waiting now`}
      </BoardFigure>
    </dl>
  );
}

/** What the figures show, apart from the two that tick (longest wait, hours lost): a render when it changes. */
function countsKey(live: LiveFigures): string {
  return `${live.waitingNow} ${live.over15Now} ${live.over60Now} ${localDateOf(serverNow())}`;
}

/**
 * A FigureCard (shared/ui/figure-card) of the wall display, in larger type, whose number sits in a
 * fixed box that the clock rewrites every second without a render, and shrinks to fit its tile.
 */
function BoardFigure({
  value,
  ...card
}: {
  label: string;
  value: () => string;
  testId: string;
  children: string;
}) {
  const ref = useRef<HTMLElement>(null);
  const fittedLength = useRef(0);
  // The text's width for board.css to size it to the tile, written only when its length changes (an
  // hour passing, say): a style write every second would restyle the box.
  const fitToTile = (element: HTMLElement, text: string) => {
    if (text.length === fittedLength.current) return;
    fittedLength.current = text.length;
    element.style.setProperty('--value-em', String(textWidthEm(text, 800)));
  };
  useTickingText(ref, value, fitToTile);
  // A render writes the text itself (a count that changed), which the tick does not hear about.
  useLayoutEffect(() => {
    if (ref.current !== null) fitToTile(ref.current, value());
  });
  return <FigureCard {...card} value={value()} valueClassName="board-figure__value" valueRef={ref} />;
}

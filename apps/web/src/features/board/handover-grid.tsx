import {
  type Band,
  bandAt,
  bandInfo,
  clockAt,
  type Handover,
  localDateOf,
  type Thresholds,
} from '@handover/domain';
import { type CSSProperties, useMemo, useRef } from 'react';
import { useStore } from 'zustand';
import { formatClock } from '../../shared/lib/format-duration';
import { shortAmbulanceServiceName } from '../../shared/lib/trust-names';
import { BandIcon } from '../../shared/ui/icons/band-icon';
import { serverNow } from '../../stores/live-store';
import { useOrganisations } from '../../stores/organisations-store';
import { tickStore } from '../../stores/tick-store';
import { BOARD_LIMITS, chooseLayout } from './board-layout';
import { HandoverRow } from './handover-row';
import { textWidthEm } from './text-width';
import { useElementSize } from './use-element-size';

interface HandoverGridProps {
  waiting: readonly Handover[];
  awaitingClear: readonly Handover[];
  thresholds: Thresholds;
  onBandChange: (band: Band, handover: Handover) => void;
}

/** Every ambulance at the door, sized to fill the screen without scrolling (see chooseLayout). */
export function HandoverGrid({ waiting, awaitingClear, thresholds, onBandChange }: HandoverGridProps) {
  const ref = useRef<HTMLDivElement>(null);
  const size = useElementSize(ref, { width: 1900, height: 800 });
  const directory = useOrganisations();
  const all = useMemo(() => [...waiting, ...awaitingClear], [waiting, awaitingClear]);
  const total = all.length;
  // The longest timer and band label grow with time: a render when they change (a few times an hour),
  // not on every tick. So does the date, which a row adds to a time from the day before.
  const growth = useStore(tickStore, () => growthKey(all, serverNow(), thresholds));
  const [timerLength = '0', bandLabel = '', today = ''] = growth.split('\n');
  // Every row must show its callsign and timer whole, so the layout fits the widest of them.
  const texts = {
    callsign: Math.max(0, ...all.map((handover) => textWidthEm(handover.callsign, 800))),
    timer: Number(timerLength) * textWidthEm('0', 800),
    bandLabel: textWidthEm(bandLabel, 700),
  };
  const layout = chooseLayout(total, size.width, size.height, texts);

  // When not everything fits, waiting patients come first and one slot says what is not shown.
  const fits = total <= layout.capacity;
  const shown = fits ? all : all.slice(0, layout.capacity - 1);
  const hiddenWaiting = Math.max(0, waiting.length - shown.length);
  const hiddenHandedOver = total - shown.length - hiddenWaiting;

  const style = {
    '--row-h': `${layout.rowHeight}px`,
    '--main': `${layout.mainSize}px`,
    '--small': `${layout.smallSize}px`,
    gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`,
    gridTemplateRows: `repeat(${layout.rows}, ${layout.rowHeight}px)`,
    gap: `${BOARD_LIMITS.gap}px`,
  } as CSSProperties;

  return (
    <div className="handover-grid" ref={ref}>
      {total === 0 ? (
        <p className="handover-grid__empty">
          <BandIcon icon="check" className="handover-grid__empty-icon" />
          No ambulances waiting
        </p>
      ) : (
        <ol
          className={`handover-grid__list handover-grid__list--${layout.density}`}
          style={style}
          aria-label="Ambulances at the ED"
        >
          {shown.map((handover) => (
            <HandoverRow
              key={handover.handoverId}
              handover={handover}
              thresholds={thresholds}
              trustName={trustLabel(
                handover.ambulanceTrustCode,
                directory?.ambulanceTrust(handover.ambulanceTrustCode)?.name,
              )}
              onBandChange={onBandChange}
              today={today}
            />
          ))}
          {!fits && (
            <li className="handover-grid__more" data-testid="more-rows">
              {hiddenWaiting > 0 && <span>+ {hiddenWaiting} more waiting</span>}
              {hiddenHandedOver > 0 && <span>+ {hiddenHandedOver} handed over</span>}
            </li>
          )}
        </ol>
      )}
    </div>
  );
}

/**
 * What makes the rows' text grow, in one pass a tick and as one string (so the grid renders only when
 * it changes): the longest timer's length ("22:02:17" runs up from "14:25"), the longest band label
 * ("Over 45 min: release due"), and the date (a row dates a time from the day before).
 */
function growthKey(handovers: readonly Handover[], now: number, thresholds: Thresholds): string {
  let longestClock = 0;
  let longestLabel = '';
  for (const handover of handovers) {
    longestClock = Math.max(longestClock, clockAt(handover, now) ?? 0);
    const band = bandAt(handover, now, thresholds);
    const label = band === undefined ? '' : bandInfo(band, thresholds).label;
    if (label.length > longestLabel.length) longestLabel = label;
  }
  return `${formatClock(longestClock).length}\n${longestLabel}\n${localDateOf(now)}`;
}

function trustLabel(code: string, name: string | undefined): string {
  return name === undefined ? code : shortAmbulanceServiceName(name);
}

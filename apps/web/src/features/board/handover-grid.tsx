import type { Band, Handover, Thresholds } from '@handover/domain';
import { type CSSProperties, useRef } from 'react';
import { shortAmbulanceServiceName } from '../../shared/lib/trust-names';
import { BandIcon } from '../../shared/ui/icons/band-icon';
import { useOrganisations } from '../../stores/organisations-store';
import { BOARD_LIMITS, chooseLayout } from './board-layout';
import { HandoverRow } from './handover-row';
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
  const total = waiting.length + awaitingClear.length;
  const layout = chooseLayout(total, size.width, size.height);

  // When not everything fits, waiting patients come first and one slot says what is not shown.
  const fits = total <= layout.capacity;
  const shown = fits
    ? [...waiting, ...awaitingClear]
    : [...waiting, ...awaitingClear].slice(0, layout.capacity - 1);
  const hiddenWaiting = Math.max(0, waiting.length - shown.length);
  const hiddenHandedOver = total - shown.length - hiddenWaiting;

  const style = {
    '--row-h': `${layout.rowHeight}px`,
    '--col-w': `${layout.columnWidth}px`,
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

function trustLabel(code: string, name: string | undefined): string {
  return name === undefined ? code : shortAmbulanceServiceName(name);
}

import type { Band, Handover } from '@handover/domain';
import { type ReactNode, useCallback, useMemo } from 'react';
import { thresholdsFor } from '../../shared/lib/thresholds';
import { useConnectionState } from '../../shared/live-client/use-connection-status';
import { ConnectionBanner } from '../../shared/ui/connection-banner';
import { LiveClock } from '../../shared/ui/live-clock';
import { serverNow, useLiveStore } from '../../stores/live-store';
import { useOrganisations } from '../../stores/organisations-store';
import { playChime, useChimePreference } from './band-chime';
import { BoardFigures } from './board-figures';
import { BoardFooter } from './board-footer';
import { boardView } from './board-view';
import { HandoverGrid } from './handover-grid';
import { InboundList } from './inbound-list';
import './board.css';

/** The ED wall display: header figures, inbound, every ambulance waiting, the connection state. */
export function BoardScreen({ siteCode }: { siteCode: string }) {
  const handovers = useLiveStore((state) => state.handovers);
  const directory = useOrganisations();
  const [chimeOn, setChimeOn] = useChimePreference();
  const thresholds = useMemo(() => thresholdsFor(serverNow()), []);

  const siteHandovers = useMemo(
    () => [...handovers.values()].filter((handover) => handover.siteCode === siteCode),
    [handovers, siteCode],
  );
  const view = useMemo(
    () => boardView(siteHandovers, siteCode, serverNow(), thresholds),
    [siteHandovers, siteCode, thresholds],
  );
  const onBandChange = useCallback(
    (band: Band, _handover: Handover) => {
      if (chimeOn) playChime(band);
    },
    [chimeOn],
  );

  const siteName = directory?.site(siteCode)?.name ?? siteCode;
  return (
    <BoardFrame>
      {/* Not a flex item, so that the banner can be laid out on its own each second. */}
      <div className="board-banner">
        <ConnectionBanner size="wall" />
      </div>
      <header className="board-header">
        <div className="board-header__identity">
          <span className="board-header__logo" aria-hidden="true">
            NHS
          </span>
          <div className="board-header__titles">
            <h1 className="board-header__site">{siteName}</h1>
            <p className="board-header__service">Ambulance handovers · Emergency department</p>
          </div>
          <LiveClock className="board-clock" />
        </div>
        <div className="board-header__summary">
          <BoardFigures handovers={siteHandovers} thresholds={thresholds} />
          <InboundList inbound={view.inbound} />
        </div>
      </header>
      <main className="board-main">
        <HandoverGrid
          waiting={view.waiting}
          awaitingClear={view.awaitingClear}
          thresholds={thresholds}
          onBandChange={onBandChange}
        />
      </main>
      <BoardFooter thresholds={thresholds} chimeOn={chimeOn} onChimeChange={setChimeOn} />
    </BoardFrame>
  );
}

/**
 * The whole screen, framed in amber or red when its data is not live (seen even from the side).
 * Re-rendered only when the state changes, not on every tick.
 */
function BoardFrame({ children }: { children: ReactNode }) {
  const state = useConnectionState();
  return <div className={`board board--${state}`}>{children}</div>;
}

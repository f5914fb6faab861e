import { useRef } from 'react';
import { useStore } from 'zustand';
import { useLiveStore } from '../../stores/live-store';
import { tickStore } from '../../stores/tick-store';
import { formatDurationWords } from '../lib/format-duration';
import {
  type ConnectionState,
  type ConnectionStatus,
  connectionStatus,
} from '../live-client/connection-status';
import { currentConnectionStatus } from '../live-client/use-connection-status';
import { useTickingText } from './elapsed';
import './connection-banner.css';

/**
 * The state of the data on screen, always shown. Live is a quiet green strip with a steady dot (an
 * animation would keep the browser drawing frames all day); anything else is a full-width amber or red
 * bar with the age of the data, big enough to see across the room, because a screen that silently stops
 * updating is a patient-safety hazard.
 */
export function ConnectionBanner({ size = 'normal' }: { size?: 'normal' | 'wall' }) {
  // Re-rendered when what the banner says changes shape (state, paused, age known), not every second:
  // the age in its words ticks on its own (useTickingText).
  const facts = useLiveStore((state) => state.connection);
  useStore(tickStore, (tick) => shapeOf(connectionStatus(facts, tick.now)));
  const status = connectionStatus(facts, tickStore.getState().now);
  const { headline, detail } = wordsFor(status);
  const headlineRef = useRef<HTMLSpanElement>(null);
  const detailRef = useRef<HTMLSpanElement>(null);
  useTickingText(headlineRef, () => wordsFor(currentConnectionStatus()).headline);
  useTickingText(detailRef, () => wordsFor(currentConnectionStatus()).detail ?? '');
  return (
    <div
      className={`connection-banner connection-banner--${status.state} connection-banner--${size}`}
      data-testid="connection-banner"
      data-state={status.state}
    >
      <span className="connection-banner__signal" aria-hidden="true" />
      {/* Only the state is announced: the age changes every second and would flood a screen reader. */}
      <span className="connection-banner__headline" role="status" ref={headlineRef}>
        {headline}
      </span>
      {detail !== null && (
        <span className="connection-banner__detail" ref={detailRef}>
          {detail}
        </span>
      )}
    </div>
  );
}

function shapeOf({ state, dataAgeMs, recordingPaused }: ConnectionStatus): string {
  return `${state} ${recordingPaused} ${dataAgeMs === null}`;
}

const HEADLINES: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  stale: 'No updates',
  reconnecting: 'Reconnecting',
  offline: 'Offline',
  refused: 'Not connected',
};

/** The server is up but its event store is not: nothing can be recorded anywhere, not just missed here. */
const PAUSED_DETAIL =
  'The server cannot record events right now. This screen catches up by itself once it can.';

function wordsFor({ state, dataAgeMs, recordingPaused }: ConnectionStatus): {
  headline: string;
  detail: string | null;
} {
  const age = dataAgeMs === null ? null : formatDurationWords(dataAgeMs);
  const headline = HEADLINES[state];
  if (recordingPaused && state === 'reconnecting') {
    return {
      headline: `${headline} — recording paused${age === null ? '' : `, data ${age} old`}`,
      detail: PAUSED_DETAIL,
    };
  }
  if (recordingPaused && state === 'connecting') return { headline, detail: PAUSED_DETAIL };
  switch (state) {
    case 'live':
      // Live means heard from within three pings: an age ticking every second would tell nobody more,
      // and would cost every screen a repaint a second. The age shows once the data is old.
      return { headline, detail: null };
    case 'connecting':
      return { headline, detail: 'Waiting for the first data from the server.' };
    case 'stale':
      return {
        headline: `${headline} — data ${age ?? 'of unknown'} old`,
        detail: 'The figures may be out of date.',
      };
    case 'reconnecting':
      return {
        headline: age === null ? headline : `${headline} — data ${age} old`,
        detail: 'New arrivals and handovers will not show until the connection is back.',
      };
    case 'offline':
      return {
        headline: age === null ? `${headline} — no data` : `${headline} — data ${age} old`,
        detail: 'This screen is NOT up to date. Check the network connection.',
      };
    case 'refused':
      return { headline, detail: null };
  }
}

import type { Handover } from '@handover/domain';
import { useEffect, useState } from 'react';
import { liveStore, serverNow } from '../../stores/live-store';
import { tickStore } from '../../stores/tick-store';

/** The handovers and the server time one refresh of a summary screen is computed from. */
export interface LiveFrame {
  handovers: ReadonlyMap<string, Handover>;
  now: number;
}

function readFrame(): LiveFrame {
  return { handovers: liveStore.getState().handovers, now: serverNow() };
}

/**
 * A frame of the live data taken at most once every `everyMs`, on the shared tick. Summary screens
 * aggregate per site once per frame: with 2,000 open handovers nationally and events arriving several
 * times a second, recomputing on every event (or for every row) would be wasted work. Running timers
 * tick on their own in between (see Elapsed).
 */
export function useLiveFrame(everyMs: number): LiveFrame {
  const [frame, setFrame] = useState(readFrame);
  useEffect(() => {
    let takenAt = tickStore.getState().now;
    return tickStore.subscribe(({ now }) => {
      // A little slack: ticks land just after each second, a few ms early or late.
      if (now - takenAt < everyMs - 100) return;
      takenAt = now;
      setFrame(readFrame());
    });
  }, [everyMs]);
  return frame;
}

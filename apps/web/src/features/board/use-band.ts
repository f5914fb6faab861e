import { type Band, bandAt, type Handover, nextBandChangeAt, type Thresholds } from '@handover/domain';
import { useEffect, useRef, useState } from 'react';
import { liveStore, serverNow } from '../../stores/live-store';

/**
 * The handover's band now, re-evaluated exactly when the domain says it next changes (not every
 * second), so a row re-renders only when its band does. `onChange` hears changes after the first.
 */
export function useBand(
  handover: Handover,
  thresholds: Thresholds,
  onChange?: (band: Band, handover: Handover) => void,
): Band | undefined {
  const [band, setBand] = useState(() => bandAt(handover, serverNow(), thresholds));
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const shownRef = useRef(band);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const evaluate = () => {
      clearTimeout(timer);
      const now = serverNow();
      const current = bandAt(handover, now, thresholds);
      if (current !== shownRef.current) {
        const previous = shownRef.current;
        shownRef.current = current;
        setBand(current);
        if (previous !== undefined && current !== undefined) onChangeRef.current?.(current, handover);
      }
      const next = nextBandChangeAt(handover, now, thresholds);
      if (next !== undefined) timer = setTimeout(evaluate, Math.max(0, next - now));
    };
    evaluate();
    // Every ping corrects the server clock offset a little: reschedule, without re-rendering the row.
    const unsubscribe = liveStore.subscribe((state, previous) => {
      if (state.serverOffsetMs !== previous.serverOffsetMs) evaluate();
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [handover, thresholds]);

  return band;
}

import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { tickStore } from '../../stores/tick-store';

/**
 * `value`, shown `ticks` ticks of the shared clock after it changed: parts of a page given it render a
 * refresh's figures a second or two after the rest, so no single update lays out and paints the whole
 * page. The figures are the same refresh's; only when they appear differs. A new `key` (another page,
 * another area) shows at once.
 */
export function useLaterTick<T>(value: T, key: string, ticks: number): T {
  const [shown, setShown] = useState({ value, key });
  const latest = useRef(shown);
  useLayoutEffect(() => {
    if (latest.current.value !== value || latest.current.key !== key) latest.current = { value, key };
  });
  useEffect(() => {
    let pending = latest.current;
    let waited = 0;
    return tickStore.subscribe(() => {
      if (latest.current !== pending) {
        pending = latest.current;
        waited = 0;
      }
      waited++;
      // The same object again: React skips the render.
      if (waited >= ticks) setShown(pending);
    });
  }, [ticks]);
  return shown.key === key ? shown.value : value;
}

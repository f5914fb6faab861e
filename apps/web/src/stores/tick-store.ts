import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/**
 * One shared one-second clock for every timer on the page. Timers subscribe to it and write their own
 * text, so the lists they sit in do not re-render every second.
 */
interface TickState {
  /** Local Date.now() at the last tick. */
  now: number;
}

export const tickStore = createStore<TickState>()(() => ({ now: Date.now() }));

let timer: ReturnType<typeof setTimeout> | undefined;

/** Starts the clock (idempotent). Ticks land just after each whole second so displays change together. */
export function startTicking(): void {
  if (timer !== undefined) return;
  const tick = () => {
    const now = Date.now();
    tickStore.setState({ now });
    timer = setTimeout(tick, 1_000 - (now % 1_000) + 5);
  };
  tick();
}

export function stopTicking(): void {
  clearTimeout(timer);
  timer = undefined;
}

export function useTickNow(): number {
  return useStore(tickStore, (state) => state.now);
}

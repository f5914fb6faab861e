/**
 * Decides from ping results, with the time each was seen, when the store counts as down or back: down
 * only once it has failed continuously for `graceMs` (a blip must not close every screen), back at the
 * first success.
 */
export class StoreAvailability {
  available = true;
  private failingSince: number | undefined;

  constructor(private readonly graceMs: number) {}

  /** Records one ping result; returns the new availability when this result changes it. */
  observe(ok: boolean, at: number): boolean | undefined {
    if (ok) {
      this.failingSince = undefined;
      if (this.available) return undefined;
      this.available = true;
      return true;
    }
    this.failingSince ??= at;
    if (!this.available || at - this.failingSince < this.graceMs) return undefined;
    this.available = false;
    return false;
  }
}

export interface StoreWatchOptions {
  /**
   * The readiness check (`EventStore.ping`, as /readyz uses it). Only its rejections count, never its
   * slowness: a busy instance answers late but its store is fine (the store times its own commands out).
   */
  ping: () => Promise<void>;
  onChange: (available: boolean) => void;
  now?: () => number;
  intervalMs?: number;
  /** Failing this long before the store counts as down. */
  graceMs?: number;
}

/** Pings the store every `intervalMs` and reports availability changes; returns the function that stops it. */
export function watchStore(options: StoreWatchOptions): () => void {
  const { ping, onChange, now = Date.now, intervalMs = 250, graceMs = 1_000 } = options;
  const availability = new StoreAvailability(graceMs);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(check, intervalMs);
    timer.unref();
  };
  const check = async () => {
    const ok = await ping().then(
      () => true,
      () => false,
    );
    if (stopped) return;
    const change = availability.observe(ok, now());
    if (change !== undefined) onChange(change);
    schedule();
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

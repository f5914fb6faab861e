/**
 * Epoch milliseconds with sub-millisecond precision: the monotonic clock anchored at process start.
 * Every bench process runs on this machine, so one process's send instant and another's receive
 * instant are directly comparable.
 */
export const nowMs = (): number => performance.timeOrigin + performance.now();

import { ENGLAND_THRESHOLDS, type Thresholds, thresholdsAt } from '@handover/domain';

/**
 * The rules the browser judges bands and figures by: the same table the server uses by default.
 * A deployment with its own table would need the server to publish it (not yet an API).
 */
export function thresholdsFor(now: number): Thresholds {
  return thresholdsAt(ENGLAND_THRESHOLDS, now);
}

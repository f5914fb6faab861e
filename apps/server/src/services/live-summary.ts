import {
  calendarDay,
  computeLiveFigures,
  computeMetrics,
  type Handover,
  localDateOf,
  type Thresholds,
} from '@handover/domain';

/** Live figures now and today's compliance for a group of handovers, with the same per site. */
export function liveSummary(handovers: readonly Handover[], now: number, thresholds: Thresholds) {
  const today = calendarDay(localDateOf(now));
  const bySite = new Map<string, Handover[]>();
  for (const handover of handovers) {
    const list = bySite.get(handover.siteCode);
    if (list) list.push(handover);
    else bySite.set(handover.siteCode, [handover]);
  }
  const summarise = (group: readonly Handover[]) => ({
    now: computeLiveFigures(group, now, thresholds),
    today: computeMetrics(group, today, { now, thresholds }),
  });
  return {
    asAt: new Date(now).toISOString(),
    period: { start: new Date(today.start).toISOString(), end: new Date(today.end).toISOString() },
    ...summarise(handovers),
    sites: [...bySite.entries()]
      .map(([siteCode, group]) => ({ siteCode, ...summarise(group) }))
      .sort((a, b) => a.siteCode.localeCompare(b.siteCode)),
  };
}

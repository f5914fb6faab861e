import { addDays, calendarDay, type LocalDate } from '@handover/domain';
import type { Scope } from '@handover/protocol';
import { useEffect, useState } from 'react';
import { apiRequest, type Fetch } from '../../shared/api-client/api-client';
import { hoursOf } from './chart-data';

/** Yesterday's share within 15 minutes by hour of arrival ("07:00" -> 0..1 or null), or why not. */
export type YesterdayHourly =
  | { status: 'loading' }
  | { status: 'ready'; byLabel: ReadonlyMap<string, number | null> }
  | { status: 'unavailable'; message: string };

interface ComplianceAnswer {
  total: { within15Share: number | null };
}

/** The reports API takes a scope as one word: region:Y60, acute_trust:RRK. */
export function scopeParameter(scope: Scope): string | undefined {
  switch (scope.kind) {
    case 'england':
      return undefined;
    case 'sites':
      return `sites:${scope.codes.join(',')}`;
    default:
      return `${scope.kind}:${scope.code}`;
  }
}

/**
 * Yesterday is older than the live snapshot (the last 24 hours), so it comes from the reports API: one
 * small any-period query per hour, asked once a day. The same engine makes the 16:00 report, so the
 * two can never disagree.
 */
export async function fetchYesterdayHourly(
  token: string,
  scope: Scope,
  today: LocalDate,
  fetchImpl?: Fetch,
): Promise<YesterdayHourly> {
  const hours = hoursOf(calendarDay(addDays(today, -1)));
  const narrower = scopeParameter(scope);
  const answers = await Promise.all(
    hours.map((hour) => {
      const query = new URLSearchParams({
        from: new Date(hour.start).toISOString(),
        to: new Date(hour.end).toISOString(),
        groupBy: 'england',
        ...(narrower === undefined ? {} : { scope: narrower }),
      });
      return apiRequest<ComplianceAnswer>(`/api/v1/reports/compliance?${query}`, { token }, fetchImpl);
    }),
  );
  const byLabel = new Map<string, number | null>();
  for (const [index, answer] of answers.entries()) {
    const hour = hours[index];
    if (hour === undefined) continue;
    if (!answer.ok) {
      const message =
        answer.kind === 'network'
          ? 'The server could not be reached.'
          : answer.status === 404
            ? 'This server does not offer reports yet.'
            : answer.error.message;
      return { status: 'unavailable', message };
    }
    byLabel.set(hour.label, answer.body.total.within15Share);
  }
  return { status: 'ready', byLabel };
}

/** Yesterday's hourly compliance for the scope, fetched again when the London day changes. */
export function useYesterdayHourly(token: string | null, scope: Scope, today: LocalDate): YesterdayHourly {
  const [state, setState] = useState<YesterdayHourly>({ status: 'loading' });
  const scopeKey = JSON.stringify(scope);
  useEffect(() => {
    if (token === null) return;
    let current = true;
    setState({ status: 'loading' });
    void fetchYesterdayHourly(token, JSON.parse(scopeKey) as Scope, today).then((result) => {
      if (current) setState(result);
    });
    return () => {
      current = false;
    };
  }, [token, scopeKey, today]);
  return state;
}

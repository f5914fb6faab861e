import { describe, expect, it } from 'vitest';
import { fetchYesterdayHourly, scopeParameter } from './yesterday-hourly';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('yesterday by hour, from the reports API', () => {
  it('asks once per hour of yesterday, narrowed to the page’s scope', async () => {
    const urls: URL[] = [];
    const result = await fetchYesterdayHourly(
      'hvt_viewer',
      { kind: 'region', code: 'Y60' },
      '2026-01-12',
      async (input) => {
        const url = new URL(String(input), 'http://localhost');
        urls.push(url);
        const hour = new Date(url.searchParams.get('from') ?? '').getUTCHours();
        return json(200, { total: { within15Share: hour === 3 ? null : hour / 100 } });
      },
    );
    expect(urls).toHaveLength(24);
    expect(urls[0]?.pathname).toBe('/api/v1/reports/compliance');
    expect(Object.fromEntries(urls[0]?.searchParams ?? [])).toEqual({
      from: '2026-01-11T00:00:00.000Z',
      to: '2026-01-11T01:00:00.000Z',
      groupBy: 'england',
      scope: 'region:Y60',
    });
    expect(result.status).toBe('ready');
    if (result.status !== 'ready') return;
    expect(result.byLabel.get('07:00')).toBe(0.07);
    expect(result.byLabel.get('03:00')).toBeNull();
  });

  it('says why when the server has no reports', async () => {
    const result = await fetchYesterdayHourly('t', { kind: 'england' }, '2026-01-12', async () =>
      json(404, { error: { code: 'NOT_FOUND', message: 'Not found' } }),
    );
    expect(result).toEqual({ status: 'unavailable', message: 'This server does not offer reports yet.' });
  });

  it('writes scopes as the reports API reads them', () => {
    expect(scopeParameter({ kind: 'england' })).toBeUndefined();
    expect(scopeParameter({ kind: 'acute_trust', code: 'RRK' })).toBe('acute_trust:RRK');
    expect(scopeParameter({ kind: 'sites', codes: ['RRK15', 'RRK97'] })).toBe('sites:RRK15,RRK97');
  });
});

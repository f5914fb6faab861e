import type { Scope } from '@handover/protocol';
import type { ComponentType } from 'react';
import { isRegionCode, isSiteCode, isTrustCode } from '../shared/lib/ods-codes';
import type { RouteParams } from '../shared/router/router';

export type ScreenComponent = ComponentType<{ params: RouteParams }>;

export interface RouteDefinition {
  pattern: string;
  /** Each screen is its own chunk: the wall display never downloads the chart library. */
  load: () => Promise<{ default: ScreenComponent }>;
  /**
   * The live data the screen asks for, read from its address alone (null for a bad address): the page
   * connects for it while the screen's code downloads. It must match the scope the screen's page
   * passes to LiveScreenGate (routes.test.tsx checks that it does).
   */
  liveScope?: (params: RouteParams) => Scope | null;
}

/** The scope of a screen addressed by one code, read as its page reads it: upper case, null if not a code. */
function byCode(name: string, valid: (code: string) => boolean, scope: (code: string) => Scope) {
  return (params: RouteParams): Scope | null => {
    const value = (params[name] ?? '').toUpperCase();
    return valid(value) ? scope(value) : null;
  };
}

const siteScope = byCode('siteCode', isSiteCode, (code) => ({ kind: 'sites', codes: [code] }));

/**
 * Every screen and its path. A new screen adds a line here and a folder under features/.
 */
export const ROUTES: readonly RouteDefinition[] = [
  { pattern: '/', load: () => import('../features/sign-in/start-page') },
  { pattern: '/sign-in', load: () => import('../features/sign-in/sign-in-page') },
  { pattern: '/board/:siteCode', load: () => import('../features/board/board-page'), liveScope: siteScope },
  { pattern: '/entry/:siteCode', load: () => import('../features/entry/entry-page'), liveScope: siteScope },
  {
    pattern: '/control/:ambulanceTrustCode',
    load: () => import('../features/control/control-page'),
    liveScope: byCode('ambulanceTrustCode', isTrustCode, (code) => ({ kind: 'ambulance_trust', code })),
  },
  { pattern: '/handover/:handoverId', load: () => import('../features/handover/handover-page') },
  // National views share one chunk family: only they load the chart library.
  {
    pattern: '/national',
    load: () => import('../features/national/national-page'),
    liveScope: () => ({ kind: 'england' }),
  },
  {
    pattern: '/region/:regionCode',
    load: () => import('../features/national/region-page'),
    liveScope: byCode('regionCode', isRegionCode, (code) => ({ kind: 'region', code })),
  },
  {
    pattern: '/trust/:trustCode',
    load: () => import('../features/national/trust-page'),
    liveScope: byCode('trustCode', isTrustCode, (code) => ({ kind: 'acute_trust', code })),
  },
  // Reports: the charts are a further chunk of their own, loaded by the report page.
  { pattern: '/reports', load: () => import('../features/reports/reports-list-page') },
  { pattern: '/reports/1600/:date', load: () => import('../features/reports/report-1600-page') },
  { pattern: '/reports/daily-return/:date', load: () => import('../features/reports/daily-return-page') },
];

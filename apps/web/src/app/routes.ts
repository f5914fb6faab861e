import type { ComponentType } from 'react';
import type { RouteParams } from '../shared/router/router';

export type ScreenComponent = ComponentType<{ params: RouteParams }>;

export interface RouteDefinition {
  pattern: string;
  /** Each screen is its own chunk: the wall display never downloads the chart library. */
  load: () => Promise<{ default: ScreenComponent }>;
}

/**
 * Every screen and its path. A new screen adds a line here and a folder under features/.
 */
export const ROUTES: readonly RouteDefinition[] = [
  { pattern: '/', load: () => import('../features/sign-in/start-page') },
  { pattern: '/sign-in', load: () => import('../features/sign-in/sign-in-page') },
  { pattern: '/board/:siteCode', load: () => import('../features/board/board-page') },
  { pattern: '/entry/:siteCode', load: () => import('../features/entry/entry-page') },
  {
    pattern: '/control/:ambulanceTrustCode',
    load: () => import('../features/control/control-page'),
  },
  { pattern: '/handover/:handoverId', load: () => import('../features/handover/handover-page') },
  // National views share one chunk family: only they load the chart library.
  { pattern: '/national', load: () => import('../features/national/national-page') },
  { pattern: '/region/:regionCode', load: () => import('../features/national/region-page') },
  { pattern: '/trust/:trustCode', load: () => import('../features/national/trust-page') },
  // Reports: the charts are a further chunk of their own, loaded by the report page.
  { pattern: '/reports', load: () => import('../features/reports/reports-list-page') },
  { pattern: '/reports/1600/:date', load: () => import('../features/reports/report-1600-page') },
  { pattern: '/reports/daily-return/:date', load: () => import('../features/reports/daily-return-page') },
];

import type { ComponentType } from 'react';
import type { RouteParams } from '../shared/router/router';

export type ScreenComponent = ComponentType<{ params: RouteParams }>;

export interface RouteDefinition {
  pattern: string;
  /** Each screen is its own chunk: the wall display never downloads the chart library. */
  load: () => Promise<{ default: ScreenComponent }>;
}

/**
 * Every screen and its path. Screens still to come (control room, national, reports, handover
 * timeline) add a line here and a folder under features/.
 */
export const ROUTES: readonly RouteDefinition[] = [
  { pattern: '/', load: () => import('../features/sign-in/start-page') },
  { pattern: '/sign-in', load: () => import('../features/sign-in/sign-in-page') },
  { pattern: '/board/:siteCode', load: () => import('../features/board/board-page') },
  { pattern: '/entry/:siteCode', load: () => import('../features/entry/entry-page') },
];

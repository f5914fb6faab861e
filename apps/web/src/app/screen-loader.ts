import { lazy } from 'react';
import { matchPath, type RouteParams } from '../shared/router/router';
import { ROUTES, type RouteDefinition, type ScreenComponent } from './routes';

/**
 * Screens load on demand. The first screen of a page is loaded before React starts, so a wall display
 * paints its data without a "Loading…" step (and without React's pause after a suspended render);
 * screens reached later load lazily.
 */
const loaded = new Map<RouteDefinition, ScreenComponent>();
const lazyScreens = new Map<RouteDefinition, ScreenComponent>();

export function matchRoute(pathname: string): { route: RouteDefinition; params: RouteParams } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.pattern, pathname);
    if (params !== null) return { route, params };
  }
  return null;
}

export async function preloadScreen(pathname: string): Promise<void> {
  const match = matchRoute(pathname);
  if (match === null) return;
  const module = await match.route.load();
  loaded.set(match.route, module.default);
}

export function screenFor(route: RouteDefinition): ScreenComponent {
  const ready = loaded.get(route);
  if (ready !== undefined) return ready;
  let screen = lazyScreens.get(route);
  if (screen === undefined) {
    screen = lazy(route.load);
    lazyScreens.set(route, screen);
  }
  return screen;
}

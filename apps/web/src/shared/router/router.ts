import { useSyncExternalStore } from 'react';

/**
 * A small history-API router: path patterns with named segments ("/board/:siteCode"), navigation
 * without reloads, and the current location as a hook. Enough for a handful of screens, no dependency.
 */
const NAVIGATED = 'handover:navigate';

export type RouteParams = Readonly<Record<string, string>>;

/** The params of `pathname` under `pattern`, or null when it does not match. Segments are decoded. */
export function matchPath(pattern: string, pathname: string): RouteParams | null {
  const want = split(pattern);
  const have = split(pathname);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const expected = want[i] ?? '';
    const actual = have[i] ?? '';
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (expected !== actual) {
      return null;
    }
  }
  return params;
}

function split(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

const currentPath = () => window.location.pathname + window.location.search;

/** The current path and query ("/board/RRK15?chime=on"); re-renders on navigation. */
export function useLocationPath(): string {
  return useSyncExternalStore(subscribe, currentPath, currentPath);
}

/** One query parameter of the current location. */
export function useQueryParam(name: string): string | null {
  const path = useLocationPath();
  const query = path.includes('?') ? path.slice(path.indexOf('?')) : '';
  return new URLSearchParams(query).get(name);
}

import type { Scope } from '@handover/protocol';
import { render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { matchRoute } from './screen-loader';

// What each page asks LiveScreenGate for, without connecting anything.
const asked: Scope[] = [];
vi.mock('../shared/ui/live-screen-gate', () => ({
  LiveScreenGate: ({ scope }: { scope: Scope }) => {
    asked.push(scope);
    return null;
  },
}));

/** The scope the page at `path` asks for (null if it asks for none), and the one its route connects early. */
async function scopes(path: string) {
  const match = matchRoute(path);
  if (match === null) throw new Error(`no route for ${path}`);
  const { default: Page } = await match.route.load();
  asked.length = 0;
  render(<Page params={match.params} />);
  return { page: asked[0] ?? null, early: match.route.liveScope?.(match.params) ?? null };
}

describe('the scope a live screen connects for while its code downloads', () => {
  it.each(['/board/rrk15', '/entry/RRK15', '/control/rya', '/national', '/region/y60', '/trust/rrk'])(
    'is the one its page asks for: %s',
    async (path) => {
      const { page, early } = await scopes(path);
      expect(early).not.toBeNull();
      expect(early).toEqual(page);
    },
  );

  it.each(['/board/nope', '/control/toolong', '/region/X1', '/trust/r'])(
    'is none for a bad address, where the page asks for none either: %s',
    async (path) => {
      expect(await scopes(path)).toEqual({ page: null, early: null });
    },
  );
});

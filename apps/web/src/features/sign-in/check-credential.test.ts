import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkCredential, safeNextPath } from './check-credential';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

describe('checking a pasted credential', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('refuses what is plainly not a credential without asking the server', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    expect(await checkCredential('password123')).toMatchObject({ ok: false });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('accepts a credential the server knows', async () => {
    vi.stubGlobal('fetch', async () => json(200, { label: 'ED', role: 'ed', scope: { kind: 'england' } }));
    expect(await checkCredential('hvt_good')).toEqual({ ok: true });
  });

  it('says plainly when the server refuses it, or cannot be reached', async () => {
    vi.stubGlobal('fetch', async () => json(401, { error: { code: 'UNAUTHENTICATED', message: 'No' } }));
    expect(await checkCredential('hvt_bad')).toEqual({
      ok: false,
      message: 'The server did not accept this credential. It may have been revoked, or copied wrongly.',
    });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await checkCredential('hvt_any')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Could not reach'),
    });
  });

  it('follows only same-site paths after sign-in', () => {
    expect(safeNextPath('/board/RRK15?chime=on')).toBe('/board/RRK15?chime=on');
    expect(safeNextPath('//evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
  });
});

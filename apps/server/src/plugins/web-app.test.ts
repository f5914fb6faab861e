import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/test-app';

let web: string;
let t: TestApp;

beforeAll(async () => {
  web = await mkdtemp(join(tmpdir(), 'handover-web-'));
  await mkdir(join(web, 'assets'));
  await writeFile(join(web, 'index.html'), '<!doctype html><title>Handovers</title>');
  await writeFile(join(web, 'assets', 'board-abc123.js'), 'export {};');
  t = await startTestApp({ config: { webDir: web } });
});
afterAll(async () => {
  await t.close();
  await rm(web, { recursive: true, force: true });
});

describe('serving the dashboards', () => {
  it('serves the page for the start page and every deep link, never cached', async () => {
    for (const url of ['/', '/board/RRK15', '/national', '/reports/1600/2026-01-12']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>Handovers</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('answers HEAD for a page too (uptime checks)', async () => {
    expect((await t.app.inject({ method: 'HEAD', url: '/board/RRK15' })).statusCode).toBe(200);
  });

  it('caches content-hashed assets for good', async () => {
    const res = await t.app.inject({ url: '/assets/board-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps API misses as JSON errors, not the page', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing', headers: t.auth('admin') });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

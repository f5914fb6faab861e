import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../test-support/test-app';

const PAGE = '<!doctype html><title>Handovers</title>';
const NATIONAL_JS = `export const sites = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => `site ${i}`))};`;
let web: string;
let t: TestApp;

beforeAll(async () => {
  web = await mkdtemp(join(tmpdir(), 'handover-web-'));
  await mkdir(join(web, 'assets'));
  await writeFile(join(web, 'index.html'), PAGE);
  await writeFile(join(web, 'assets', 'board-abc123.js'), 'export {};');
  // As the web build writes them (apps/web/build/precompress.ts): compressed copies beside the files.
  await writeFile(join(web, 'assets', 'national-def456.js'), NATIONAL_JS);
  await writeFile(join(web, 'assets', 'national-def456.js.br'), brotliCompressSync(NATIONAL_JS));
  await writeFile(join(web, 'assets', 'national-def456.js.gz'), gzipSync(NATIONAL_JS));
  await writeFile(join(web, 'index.html.br'), brotliCompressSync(PAGE));
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

  it("sends the build's compressed copy the browser accepts, and the file itself to one that accepts none", async () => {
    const url = '/assets/national-def456.js';
    const br = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['content-type']).toMatch(/^text\/javascript|^application\/javascript/);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(NATIONAL_JS);

    const gz = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(NATIONAL_JS);

    const plain = await t.app.inject({ url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(NATIONAL_JS);
  });

  it('sends a file without compressed copies as it is, whatever the browser accepts', async () => {
    const res = await t.app.inject({ url: '/assets/board-abc123.js', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body).toBe('export {};');
  });

  it('compresses the page of a deep link too, still never cached', async () => {
    const res = await t.app.inject({ url: '/board/RRK15', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(PAGE);
  });

  it('keeps API misses as JSON errors, not the page', async () => {
    const res = await t.app.inject({ url: '/api/v1/nothing', headers: t.auth('admin') });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});

import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compressFiles, precompress } from './precompress';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'handover-precompress-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('compressed copies of the build', () => {
  it('writes .br and .gz copies that decompress to the exact file', async () => {
    const code = `export const rows = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `row ${i}`))};`;
    const bytes = new TextEncoder().encode('body { color: #212b32; }\n'.repeat(100));
    const copies = await compressFiles(dir, [
      { fileName: 'board.js', content: code },
      { fileName: 'board.css', content: bytes },
    ]);

    expect(copies.map((copy) => copy.file).sort()).toEqual(['board.css', 'board.js']);
    const js = await readFile(join(dir, 'board.js.br'));
    expect(brotliDecompressSync(js).toString()).toBe(code);
    expect(gunzipSync(await readFile(join(dir, 'board.js.gz'))).toString()).toBe(code);
    const css = brotliDecompressSync(await readFile(join(dir, 'board.css.br')));
    expect(css.equals(Buffer.from(bytes))).toBe(true);
    const cssCopy = copies.find((copy) => copy.file === 'board.css');
    expect(cssCopy?.br).toBeLessThan(bytes.length / 10);
  });

  it('writes no copy of small files, binary files, or text that would not get smaller', async () => {
    const copies = await compressFiles(dir, [
      { fileName: 'tiny.js', content: 'export {};' },
      { fileName: 'logo.png', content: new Uint8Array(4096) },
      { fileName: 'random.json', content: crypto.getRandomValues(new Uint8Array(4096)) },
    ]);

    expect(copies).toEqual([{ file: 'random.json', bytes: 4096 }]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('compresses what the build wrote, in the directory Vite resolved', async () => {
    const code = `export const sites = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => `site ${i}`))};`;
    const page = `<!doctype html><title>Handovers</title>${'<link rel="modulepreload" href="/assets/a.js">'.repeat(30)}`;
    const bundle = {
      'assets/national.js': { type: 'chunk', fileName: 'assets/national.js', code },
      'index.html': { type: 'asset', fileName: 'index.html', source: page },
    };
    await mkdir(join(dir, 'assets'));
    // Only the parts of Vite's arguments the hook reads.
    type WriteBundle = (options: { dir?: string }, output: typeof bundle) => Promise<void>;
    await (precompress().writeBundle as unknown as WriteBundle)({ dir }, bundle);

    expect(brotliDecompressSync(await readFile(join(dir, 'assets/national.js.br'))).toString()).toBe(code);
    expect(gunzipSync(await readFile(join(dir, 'index.html.gz'))).toString()).toBe(page);
  });
});

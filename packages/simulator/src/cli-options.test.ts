import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options';

const dir = mkdtempSync(join(tmpdir(), 'simulate-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const parse = (...argv: string[]) => parseCliOptions(argv, dir);

describe('simulate flags', () => {
  it('reads the url and the feed and admin tokens from a demo credentials file (relative to cwd)', () => {
    writeFileSync(
      join(dir, 'demo.json'),
      JSON.stringify({
        baseUrl: 'http://localhost:8093',
        admin: { token: 'hvt_a' },
        simulatorFeed: { token: 'hvt_f' },
        busySiteEd: { token: 'hvt_e' },
      }),
    );
    expect(
      parse('--', '--mode', 'backfill', '--credentials-file', 'demo.json', '--sites', 'rrk15, RRK97'),
    ).toEqual({
      url: 'http://localhost:8093',
      credentials: { feed: 'hvt_f', admin: 'hvt_a' },
      request: { mode: 'backfill' },
      seed: 2026,
      sites: ['RRK15', 'RRK97'],
      concurrency: 4,
      referenceDir: undefined,
    });
  });

  it('takes --accelerate N as the accelerated mode at that speed', () => {
    const options = parse('--feed-token', 'T', '--accelerate', '60', '--from', '2026-05-11T08:00:00Z');
    expect(options?.request).toEqual({
      mode: 'accelerated',
      speed: 60,
      from: Date.parse('2026-05-11T08:00:00Z'),
    });
  });

  it('says what is wrong', () => {
    expect(() => parse('--mode', 'live')).toThrow(/feed credential is needed/);
    expect(() => parse('--feed-token', 'T')).toThrow(/Choose a mode/);
    expect(() => parse('--feed-token', 'T', '--mode', 'fast')).toThrow(/--mode must be one of/);
    expect(() => parse('--feed-token', 'T', '--mode', 'live', '--days', 'seven')).toThrow(
      /--days must be a number/,
    );
    expect(() => parse('--feed-token', 'T', '--mode', 'live', '--since', '2026-05-11 08:00')).toThrow(
      /ISO 8601/,
    );
    expect(() => parse('--feed-token', 'T', '--mode', 'live', '--speed', '5')).toThrow(/accelerated only/);
    expect(() => parse('--feed-token', 'T', '--mode', 'live', '--bogus')).toThrow(/bogus/);
    expect(() => parse('--mode', 'live', '--credentials-file', 'missing.json')).toThrow(/Cannot read/);
    expect(parse('--help')).toBeUndefined();
  });
});

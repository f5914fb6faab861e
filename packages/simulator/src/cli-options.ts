import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SenderCredentials } from './api-sender';
import type { SimulationMode, SimulationRequest } from './run-simulation';

/** The simulate command's flags, read and checked; every problem is a UsageError with a message to act on. */

export const USAGE = `Usage: simulate --mode backfill|live|accelerated [options]

Sends simulated ambulance handover traffic to a server through its public API.

Modes:
  backfill      the handovers of the last --days days (default 7), as fast as the server takes them
  live          real time from now; first catches up the handovers of the last --days days (default 1)
                that are still open, or only what came after --since
  accelerated   replays from --from at --speed times real time, then carries on live once it meets
                the real clock (or stops at --until). The server refuses events stamped in the future,
                so acceleration can only replay the past: --from must be within the last 13 days.

Server and credentials:
  --url URL                 the server (default: the credentials file's baseUrl, else http://localhost:8080)
  --credentials-file PATH   a demo server's DEMO_CREDENTIALS_FILE: url, feed and admin tokens
  --feed-token TOKEN        a feed credential (national scope): every event but Release to Respond
  --control-token TOKEN     a control credential, for release requests
  --ed-token TOKEN          an ED credential, for the ED's own events
  --admin-token TOKEN       sends the events of a role without its own token; without it they are skipped

Traffic:
  --days N                  backfill: days of history (default 7); live: catch-up window (default 1); max 13
  --from ISO                accelerated: where the replay starts
  --speed N                 accelerated: simulated seconds per real second (default 60)
  --accelerate N            the same as --mode accelerated --speed N
  --until ISO               backfill: the window's end (default now); accelerated: where to stop
  --since ISO               events at or before this were sent already (a live run after a backfill)
  --seed N                  the traffic's seed (default 2026): the same seed is the same traffic
  --sites CODE,CODE         only these sites (default every site in England)
  --concurrency N           batches in flight at once (default 4)
  --reference-dir PATH      the reference data the server uses, if not the shipped copy
  --help
`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface CliOptions {
  url: string;
  credentials: SenderCredentials;
  request: SimulationRequest;
  seed: number;
  sites: string[] | undefined;
  concurrency: number;
  referenceDir: string | undefined;
}

const MODES: readonly SimulationMode[] = ['backfill', 'live', 'accelerated'];

/** Undefined when --help was asked for. `cwd` resolves relative paths (pnpm runs scripts elsewhere). */
export function parseCliOptions(argv: readonly string[], cwd: string): CliOptions | undefined {
  const parsed = parse(argv);
  const flags = parsed.values;
  if (flags.help) return undefined;
  if (parsed.positionals.length > 0) {
    throw new UsageError(`Unexpected argument "${parsed.positionals[0]}"; flags start with --`);
  }

  const file = flags['credentials-file'] ? readCredentialsFile(resolve(cwd, flags['credentials-file'])) : {};
  const feed = flags['feed-token'] ?? file.feed;
  if (feed === undefined) {
    throw new UsageError('A feed credential is needed: --feed-token TOKEN or --credentials-file PATH');
  }
  const credentials: SenderCredentials = { feed };
  const admin = flags['admin-token'] ?? file.admin;
  if (admin !== undefined) credentials.admin = admin;
  if (flags['control-token'] !== undefined) credentials.control = flags['control-token'];
  if (flags['ed-token'] !== undefined) credentials.ed = flags['ed-token'];

  const accelerate = optionalNumber(flags.accelerate, '--accelerate');
  const mode = flags.mode ?? (accelerate !== undefined ? 'accelerated' : undefined);
  if (mode === undefined) throw new UsageError(`Choose a mode: --mode ${MODES.join('|')}`);
  if (!isMode(mode)) throw new UsageError(`--mode must be one of ${MODES.join(', ')} (got "${mode}")`);
  if (accelerate !== undefined && mode !== 'accelerated') {
    throw new UsageError('--accelerate goes with --mode accelerated only');
  }
  const request: SimulationRequest = { mode };
  const days = optionalNumber(flags.days, '--days');
  if (days !== undefined) request.days = days;
  const speed = optionalNumber(flags.speed, '--speed') ?? accelerate;
  if (speed !== undefined) request.speed = speed;
  for (const name of ['from', 'until', 'since'] as const) {
    const instant = optionalInstant(flags[name], `--${name}`);
    if (instant !== undefined) request[name] = instant;
  }
  if (mode !== 'accelerated' && (request.from !== undefined || request.speed !== undefined)) {
    throw new UsageError('--from and --speed go with --mode accelerated only');
  }

  const url = flags.url ?? file.url ?? 'http://localhost:8080';
  if (!/^https?:\/\/[^/]+/.test(url))
    throw new UsageError(`--url must be http(s)://host[:port] (got "${url}")`);
  const sites = flags.sites
    ?.split(',')
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== '');
  if (sites !== undefined && sites.length === 0) throw new UsageError('--sites names no site');
  const seed = optionalNumber(flags.seed, '--seed') ?? 2026;
  if (!Number.isSafeInteger(seed)) throw new UsageError(`--seed must be a whole number (got ${seed})`);
  const concurrency = optionalNumber(flags.concurrency, '--concurrency') ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError(`--concurrency must be 1 to 64 (got ${concurrency})`);
  }
  return {
    url,
    credentials,
    request,
    seed,
    sites,
    concurrency,
    referenceDir: flags['reference-dir'] ? resolve(cwd, flags['reference-dir']) : undefined,
  };
}

function parse(argv: readonly string[]) {
  // `pnpm simulate -- --mode live` passes the separator on.
  const args = argv[0] === '--' ? argv.slice(1) : [...argv];
  const text = { type: 'string' } as const;
  try {
    return parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: {
        url: text,
        'credentials-file': text,
        'feed-token': text,
        'control-token': text,
        'ed-token': text,
        'admin-token': text,
        mode: text,
        days: text,
        from: text,
        speed: text,
        accelerate: text,
        until: text,
        since: text,
        seed: text,
        sites: text,
        concurrency: text,
        'reference-dir': text,
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function isMode(mode: string): mode is SimulationMode {
  return (MODES as readonly string[]).includes(mode);
}

function optionalNumber(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value))
    throw new UsageError(`${flag} must be a number (got "${raw}")`);
  return value;
}

// An instant needs its offset: a bare local time would mean different instants on different machines.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function optionalInstant(raw: string | undefined, flag: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = Date.parse(raw);
  if (!ISO_INSTANT.test(raw) || Number.isNaN(value)) {
    throw new UsageError(
      `${flag} must be an ISO 8601 instant with its offset, e.g. 2026-05-11T08:00:00Z (got "${raw}")`,
    );
  }
  return value;
}

interface FileCredentials {
  url?: string;
  feed?: string;
  admin?: string;
}

/** The demo server's credentials file: { baseUrl, simulatorFeed: { token }, admin: { token }, ... }. */
function readCredentialsFile(path: string): FileCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UsageError(`Cannot read the credentials file ${path}: ${reason}`);
  }
  const json = parsed as {
    baseUrl?: unknown;
    simulatorFeed?: { token?: unknown };
    admin?: { token?: unknown };
  } | null;
  const feed = json?.simulatorFeed?.token;
  if (typeof feed !== 'string') {
    throw new UsageError(`${path} has no simulatorFeed.token: is it a demo server's DEMO_CREDENTIALS_FILE?`);
  }
  const result: FileCredentials = { feed };
  if (typeof json?.baseUrl === 'string') result.url = json.baseUrl;
  if (typeof json?.admin?.token === 'string') result.admin = json.admin.token;
  return result;
}

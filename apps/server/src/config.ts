import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { PING_INTERVAL_MS } from '@handover/protocol';

/** Every setting, read from the environment in this one place and validated at start. */
export interface ServerConfig {
  host: string;
  port: number;
  /** The embedded store's folder (used when REDIS_URL is unset). */
  dataDir: string;
  redisUrl: string | undefined;
  /** Demo mode creates credentials at start and prints dashboard links. */
  demo: boolean;
  /** Where demo mode also writes its credentials as JSON (for the demo script and tests). */
  demoCredentialsFile: string | undefined;
  /** Reference data folder (ODS organisations); the shipped copy by default. */
  referenceDir: string | undefined;
  /** Built web app to serve, when present. */
  webDir: string | undefined;
  /** Events stamped further ahead of the server clock than this are refused (a skewed sender). */
  maxFutureSkewMs: number;
  /** Events older than this are refused: the amendment window (also how long reports are revised). */
  amendmentWindowDays: number;
  /** The 16:00 report: its wall-clock cut-off in Europe/London ('HH:MM') and period length in hours. */
  reportCutoff: string;
  reportPeriodHours: number;
  /** How often frozen reports still in the amendment window are checked for revisions. */
  reportRevisionMinutes: number;
  rateLimit: { ratePerSecond: number; burst: number };
  /** Largest accepted request body. */
  bodyLimitBytes: number;
  /** A websocket client whose unsent data exceeds this is cut off (it resumes on reconnect). */
  maxClientBufferBytes: number;
  /** Between pings to live clients: the protocol's interval (clients judge staleness by it); tests shorten it. */
  livePingIntervalMs: number;
  /**
   * How long a credential read from the store is trusted (2 s): bounds how late a revocation takes
   * effect, on REST and, a little later, on open websockets; tests shorten it.
   */
  credentialCacheMs: number;
  logLevel: string;
  instanceId: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const flag = (name: string): boolean => ['1', 'true', 'yes'].includes((env[name] ?? '').toLowerCase());

  const time = (name: string, fallback: string): string => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    if (/^([01]\d|2[0-3]):[0-5]\d$/.test(raw)) return raw;
    problems.push(`${name} must be a time of day HH:MM, 00:00 to 23:59 (got "${raw}")`);
    return fallback;
  };

  const redisUrl = env.REDIS_URL || undefined;
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    problems.push(`REDIS_URL must start with redis:// or rediss:// (got "${redisUrl}")`);
  }
  const config: ServerConfig = {
    host: env.HOST ?? '127.0.0.1',
    port: int('PORT', 8080, 0, 65535),
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    redisUrl,
    demo: flag('DEMO'),
    demoCredentialsFile: env.DEMO_CREDENTIALS_FILE ? resolve(env.DEMO_CREDENTIALS_FILE) : undefined,
    referenceDir: env.REFERENCE_DIR ? resolve(env.REFERENCE_DIR) : undefined,
    webDir: env.WEB_DIR ? resolve(env.WEB_DIR) : undefined,
    maxFutureSkewMs: int('MAX_FUTURE_SKEW_SECONDS', 120, 0, 3600) * 1000,
    amendmentWindowDays: int('AMENDMENT_WINDOW_DAYS', 14, 1, 365),
    reportCutoff: time('REPORT_CUTOFF', '16:00'),
    reportPeriodHours: int('REPORT_PERIOD_HOURS', 24, 1, 168),
    reportRevisionMinutes: int('REPORT_REVISION_MINUTES', 60, 1, 1440),
    rateLimit: {
      ratePerSecond: int('RATE_LIMIT_PER_SECOND', 50, 1, 100_000),
      burst: int('RATE_LIMIT_BURST', 200, 1, 1_000_000),
    },
    bodyLimitBytes: int('BODY_LIMIT_BYTES', 1_048_576, 1024, 64 * 1_048_576),
    maxClientBufferBytes: int('MAX_CLIENT_BUFFER_BYTES', 4 * 1_048_576, 65_536, 256 * 1_048_576),
    livePingIntervalMs: PING_INTERVAL_MS,
    credentialCacheMs: 2_000,
    logLevel: env.LOG_LEVEL ?? 'info',
    instanceId: env.INSTANCE_ID ?? randomUUID().slice(0, 8),
  };
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n- ${problems.join('\n- ')}`);
  return config;
}

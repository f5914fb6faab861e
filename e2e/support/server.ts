import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ProcessCredentials,
  type ServerProcess as ServerProcessBase,
  startServerProcess,
} from '@handover/server/test-support/server-process';

export { createCredentialWithCli } from '@handover/server/test-support/server-process';

/**
 * Real server processes for the end-to-end tests (the server's own test support), serving the
 * production web build from apps/web/dist.
 */

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SERVER_DIR = join(REPO_ROOT, 'apps/server');
/** The production build test.sh makes. */
export const WEB_BUILD = join(REPO_ROOT, 'apps/web/dist');
/** What the servers serve: global-setup.ts's snapshot of the build, so a rebuild during the run cannot break it. */
const webDir = () => process.env.E2E_WEB_DIR ?? WEB_BUILD;
const READY_TIMEOUT_MS = 30_000;

/** What demo mode writes to DEMO_CREDENTIALS_FILE (only the tokens matter here). */
export interface DemoTokens {
  admin: string;
  simulatorFeed: string;
  englandViewer: string;
  /** ed, scope sites:RRK15. */
  busySiteEd: string;
  /** control, scope ambulance_trust:RYA. */
  ambulanceControl: string;
}

export interface ServerOptions {
  /** Mint demo credentials at start (DEMO=1). Default true. */
  demo?: boolean;
  /** The file store's folder; a fresh temp dir (removed by dispose) when omitted. Ignored with redisUrl. */
  dataDir?: string;
  redisUrl?: string;
  /** A fixed port (to restart on the same one); a free one when omitted. */
  port?: number;
  env?: Record<string, string>;
}

export interface ServerProcess extends ServerProcessBase {
  /** Demo tokens of the current run (throws when started without demo mode). */
  readonly tokens: DemoTokens;
}

export async function startServer(options: ServerOptions = {}): Promise<ServerProcess> {
  const server = await startServerProcess({
    demo: options.demo ?? true,
    dataDir: options.dataDir,
    port: options.port,
    readyTimeoutMs: READY_TIMEOUT_MS,
    env: {
      WEB_DIR: webDir(),
      ...(options.redisUrl === undefined ? {} : { REDIS_URL: options.redisUrl }),
      ...options.env,
    },
  });
  return Object.defineProperty(server, 'tokens', {
    get: () => tokensOf(server.credentials),
  }) as ServerProcess;
}

function tokensOf(credentials: ProcessCredentials): DemoTokens {
  return {
    admin: credentials.admin.token,
    simulatorFeed: credentials.simulatorFeed.token,
    englandViewer: credentials.englandViewer.token,
    busySiteEd: credentials.busySiteEd.token,
    ambulanceControl: credentials.ambulanceControl.token,
  };
}

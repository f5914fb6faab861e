import { startServerProcess } from '@handover/server/test-support/server-process';

/**
 * The real server as a separate process in demo mode (the server's own test support), on a free port
 * with a temporary data folder: the simulator's tests reach it only over HTTP, as the simulator itself does.
 */

const READY_TIMEOUT_MS = 30_000;

export interface DemoServer {
  url: string;
  tokens: { admin: string; feed: string };
  /** The log position /readyz reports: the file store's "<n>-0" counts every event recorded. */
  eventCount(): Promise<number>;
  /** GET an API path with the admin token; the parsed JSON body. */
  get(path: string): Promise<unknown>;
  stop(): Promise<void>;
}

export async function startDemoServer(): Promise<DemoServer> {
  const server = await startServerProcess({ readyTimeoutMs: READY_TIMEOUT_MS });
  const { url, credentials } = server;
  const tokens = { admin: credentials.admin.token, feed: credentials.simulatorFeed.token };
  const get = async (path: string): Promise<unknown> => {
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${tokens.admin}` } });
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    return response.json();
  };
  const eventCount = async (): Promise<number> => {
    const { cursor } = (await (await fetch(`${url}/readyz`)).json()) as { cursor: string | null };
    return cursor === null ? 0 : Number(cursor.split('-')[0]);
  };
  return { url, tokens, eventCount, get, stop: () => server.dispose() };
}

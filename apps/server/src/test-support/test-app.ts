import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role, Scope } from '@handover/protocol';
import { type EventStore, openFileEventStore } from '@handover/store';
import type { FastifyInstance } from 'fastify';
import { createCredential } from '../access/credentials';
import { buildApp } from '../app';
import { loadConfig, type ServerConfig } from '../config';
import { loadReferenceOrganisations } from '../services/reference-data';

export const organisations = loadReferenceOrganisations();

/** Credentials every API test needs, one per role that matters. */
export const TEST_CREDENTIALS = {
  admin: { role: 'admin', scope: { kind: 'england' } },
  feed: { role: 'feed', scope: { kind: 'england' } },
  ryaFeed: { role: 'feed', scope: { kind: 'ambulance_trust', code: 'RYA' } },
  rrk15Ed: { role: 'ed', scope: { kind: 'sites', codes: ['RRK15'] } },
  ryaCrew: { role: 'crew', scope: { kind: 'ambulance_trust', code: 'RYA' } },
  ryaControl: { role: 'control', scope: { kind: 'ambulance_trust', code: 'RYA' } },
  englandViewer: { role: 'viewer', scope: { kind: 'england' } },
  londonViewer: { role: 'viewer', scope: { kind: 'region', code: 'Y56' } },
} as const satisfies Record<string, { role: Role; scope: Scope }>;
export type TestCredentialName = keyof typeof TEST_CREDENTIALS;

export interface TestApp {
  app: FastifyInstance;
  store: EventStore;
  tokens: Record<TestCredentialName, string>;
  /** `Authorization` header for a named credential. */
  auth: (name: TestCredentialName) => { authorization: string };
  dataDir: string;
  close: () => Promise<void>;
}

export async function issueTestCredentials(store: EventStore, now: number) {
  const tokens = {} as Record<TestCredentialName, string>;
  for (const [name, { role, scope }] of Object.entries(TEST_CREDENTIALS)) {
    const issued = await createCredential(
      store.documents,
      { label: `Test ${name}`, role, scope },
      now,
      organisations,
    );
    tokens[name as TestCredentialName] = issued.token;
  }
  return tokens;
}

/**
 * A real app on the real file store in a fresh folder, with a credential per role. `now` may be
 * fixed by the test; `listen: true` also opens a port (for websocket tests).
 */
export async function startTestApp(
  options: { now?: () => number; config?: Partial<ServerConfig>; store?: EventStore; listen?: boolean } = {},
): Promise<TestApp & { url: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'handover-server-'));
  const config = { ...loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' }), ...options.config };
  const store = options.store ?? (await openFileEventStore({ dir: dataDir }));
  const now = options.now ?? Date.now;
  const app = await buildApp({ config, store, now, organisations, logger: false });
  await app.ready();
  const tokens = await issueTestCredentials(store, now());
  const url = options.listen ? await app.listen({ host: '127.0.0.1', port: 0 }) : '';
  return {
    app,
    store,
    tokens,
    url,
    dataDir,
    auth: (name) => ({ authorization: `Bearer ${tokens[name]}` }),
    close: async () => {
      await app.close();
      if (options.store === undefined) await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

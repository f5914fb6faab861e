import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { makeTempDir } from '@handover/store/test-support';
import { startServer, WEB_BUILD } from './support/server';
import type { SharedServer } from './support/test';

/**
 * Builds nothing: scripts/test.sh builds apps/web first. Snapshots that build (so a rebuild while the
 * tests run cannot pull files from under the servers), starts the shared demo server (real process,
 * file store on a temp DATA_DIR) and hands its address and tokens to the workers through the
 * environment. Tests that restart or kill servers start their own.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const snapshot = await makeTempDir('handover-e2e-web-');
  process.env.E2E_WEB_DIR = await snapshotBuild(snapshot.path);
  const server = await startServer({ demo: true });
  const shared: SharedServer = { url: server.url, dataDir: server.dataDir, tokens: server.tokens };
  process.env.E2E_SHARED_SERVER = JSON.stringify(shared);
  return async () => {
    const exitCode = await server.terminate();
    if (exitCode !== 0) console.error(`shared server exited with ${exitCode}:\n${server.output()}`);
    await server.dispose();
    await snapshot.remove();
  };
}

/** Copies the build, insisting that every asset index.html names is there (not caught mid-build). */
async function snapshotBuild(into: string): Promise<string> {
  const target = join(into, 'dist');
  for (let attempt = 1; ; attempt++) {
    const index = join(WEB_BUILD, 'index.html');
    if (existsSync(index)) {
      cpSync(WEB_BUILD, target, { recursive: true });
      const html = readFileSync(join(target, 'index.html'), 'utf8');
      const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((match) => match[1] ?? '');
      if (assets.length > 0 && assets.every((asset) => existsSync(join(target, asset)))) return target;
    }
    if (attempt === 20) {
      throw new Error(`${WEB_BUILD} has no complete build: run "pnpm --filter @handover/web build" first`);
    }
    await sleep(500);
  }
}

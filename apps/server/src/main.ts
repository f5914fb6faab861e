import { writeFileSync } from 'node:fs';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { demoLinks, prepareCredentials } from './services/startup-credentials';

/** Starts one server instance; SIGTERM drains it gracefully. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await buildApp({ config });
  const shutdown = async (signal: string) => {
    app.log.info(
      { signal },
      'shutting down: no new requests, finishing writes, telling clients to reconnect',
    );
    const forced = setTimeout(() => process.exit(1), 10_000);
    forced.unref();
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
  await app.ready();
  const demo = await prepareCredentials(app);
  // A reconnect storm (every screen of a failed instance arriving at once) must not overflow the
  // accept queue (Node's default is 511; the kernel caps this at net.core.somaxconn).
  const address = await app.listen({ host: config.host, port: config.port, backlog: 4096 });
  if (demo !== undefined) {
    const base = address.replace('://127.0.0.1', '://localhost');
    const lines = demoLinks(base, demo).map(({ label, url }) => `  ${label}\n    ${url}`);
    console.log(
      `\nHandover tracker is running (demo mode, ${app.store.kind} store).\n\n${lines.join('\n')}\n`,
    );
    console.log(`  Simulator feed token: ${demo.simulatorFeed.token}`);
    console.log(`  Admin token:          ${demo.admin.token}\n`);
    if (config.demoCredentialsFile) {
      writeFileSync(config.demoCredentialsFile, JSON.stringify({ baseUrl: base, ...demo }, null, 2));
    }
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error(error);
  process.exit(1);
});

import websocket from '@fastify/websocket';
import { CLOSE_CODES } from '@handover/protocol';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { LiveHub } from '../live/live-hub';
import { watchStore } from '../live/store-watch';

declare module 'fastify' {
  interface FastifyInstance {
    liveHub: LiveHub;
  }
}

/** The live stream at /ws (protocol in @handover/protocol live-messages). */
export default fp(
  async (app: FastifyInstance) => {
    const hub = new LiveHub({
      projection: app.projection,
      organisations: app.organisations,
      verify: (token) => app.verifier.verify(token),
      verifyAfresh: (token) => app.verifier.verifyAfresh(token),
      now: app.now,
      openForMs: app.config.amendmentWindowDays * 86_400_000,
      maxClientBufferBytes: app.config.maxClientBufferBytes,
      pingIntervalMs: app.config.livePingIntervalMs,
      // Every 3 s; tests shorten the cache, and the checks with it.
      credentialCheckMs: Math.ceil(app.config.credentialCacheMs * 1.5),
      log: app.log,
    });
    app.decorate('liveHub', hub);
    // The readiness check /readyz uses: screens hear "try again later" while the store is unavailable.
    const stopWatch = watchStore({
      ping: () => app.store.ping(),
      onChange: (available) => {
        if (available) app.log.info('event store available again: live clients may resume');
        else app.log.warn('event store unavailable: live clients closed with 1013 until it is back');
        hub.setStoreAvailable(available);
      },
    });
    // Registered before the websocket plugin so it runs before the plugin's own shutdown, which would
    // close every socket with no code: clients must hear RESTARTING and reconnect (elsewhere, or here
    // once the server is back).
    app.addHook('preClose', async () => {
      stopWatch();
      hub.stop();
      hub.closeAll(CLOSE_CODES.RESTARTING, 'Server restarting');
    });
    await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
    app.get('/ws', { websocket: true, schema: { hide: true } }, (socket) => hub.attach(socket));
  },
  { name: 'live-socket', dependencies: ['core-services', 'auth'] },
);

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Serves the built dashboards when WEB_DIR points at them, compressed where the browser accepts it.
 * Unknown non-API paths get index.html so the browser's router can handle deep links such as /board/RRK15.
 */
export default fp(
  async (app: FastifyInstance) => {
    const dir = app.config.webDir;
    const hasWeb = dir !== undefined && existsSync(join(dir, 'index.html'));
    if (hasWeb) {
      await app.register(fastifyStatic, {
        root: dir,
        index: false,
        // The build writes .br and .gz copies beside each text file (apps/web/build/precompress.ts):
        // each request gets the one its browser accepts, with nothing compressed per request.
        preCompressed: true,
        // Built assets carry a content hash in their names, so they may be cached for good; the page
        // itself must never be, or a screen reopened after a redeploy asks for assets that are gone.
        cacheControl: false,
        setHeaders: (res, path) =>
          res.header(
            'cache-control',
            path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
          ),
      });
      // The start page: the static plugin would refuse a directory listing for "/".
      app.get('/', { schema: { hide: true } }, (_request, reply) => sendPage(reply));
    }
    app.setNotFoundHandler((request, reply) => {
      const isPage =
        (request.method === 'GET' || request.method === 'HEAD') &&
        !request.url.startsWith('/api/') &&
        request.url !== '/ws';
      if (hasWeb && isPage) return sendPage(reply);
      return reply.code(404).send({
        error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}.` },
      });
    });
  },
  { name: 'web-app', dependencies: ['core-services'] },
);

function sendPage(reply: FastifyReply) {
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}

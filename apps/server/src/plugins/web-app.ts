import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Serves the built dashboards when WEB_DIR points at them. Unknown non-API paths get index.html so
 * the browser's router can handle deep links such as /board/RRK15.
 */
export default fp(
  async (app: FastifyInstance) => {
    const dir = app.config.webDir;
    const hasWeb = dir !== undefined && existsSync(join(dir, 'index.html'));
    if (hasWeb) await app.register(fastifyStatic, { root: dir, maxAge: '1h', index: false });
    app.setNotFoundHandler((request, reply) => {
      const isPage = request.method === 'GET' && !request.url.startsWith('/api/') && request.url !== '/ws';
      if (hasWeb && isPage) return reply.header('cache-control', 'no-cache').sendFile('index.html');
      return reply.code(404).send({
        error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}.` },
      });
    });
  },
  { name: 'web-app', dependencies: ['core-services'] },
);

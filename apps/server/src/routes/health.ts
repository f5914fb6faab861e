import type { FastifyInstance } from 'fastify';

export default async function healthRoutes(app: FastifyInstance) {
  app.get('/healthz', { schema: { summary: 'Alive', tags: ['health'] } }, async () => ({ status: 'ok' }));

  app.get(
    '/readyz',
    { schema: { summary: 'Ready: the event store answers', tags: ['health'] } },
    async (_request, reply) => {
      try {
        await app.store.ping();
        return {
          status: 'ready',
          store: app.store.kind,
          cursor: app.projection.cursor,
          instance: app.config.instanceId,
        };
      } catch (error) {
        return reply
          .code(503)
          .header('retry-after', '5')
          .send({
            status: 'unavailable',
            store: app.store.kind,
            reason: error instanceof Error ? error.message : String(error),
          });
      }
    },
  );
}

import { ApiErrorSchema } from '@handover/protocol';
import type { FastifyInstance } from 'fastify';
import { principalOf } from '../plugins/auth';

/** Who the credential is: dashboards use it to say plainly what a screen may show. */
export default async function meRoutes(app: FastifyInstance) {
  app.get(
    '/api/v1/me',
    {
      schema: {
        summary: "The calling credential's label, role and scope",
        tags: ['access'],
        security: [{ bearer: [] }],
        response: { 401: ApiErrorSchema },
      },
    },
    async (request) => {
      const { credentialId, label, role, scope } = principalOf(request);
      return { credentialId, label, role, scope };
    },
  );
}

import { ApiErrorSchema, ROLES, type Role, type Scope, ScopeSchema } from '@handover/protocol';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { CredentialError, createCredential, listCredentials, revokeCredential } from '../access/credentials';
import { ApiRequestError } from '../api-error';

const CreateBody = Type.Object(
  {
    label: Type.String({ minLength: 1, maxLength: 100 }),
    role: Type.Enum([...ROLES]),
    scope: ScopeSchema,
  },
  { additionalProperties: false },
);
const errors = { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };

/** Credential management for administrators (the same operations as the `credentials` command). */
export default async function adminCredentialRoutes(app: FastifyInstance) {
  const refuse = (error: unknown): never => {
    if (error instanceof CredentialError) {
      throw new ApiRequestError({ code: 'INVALID_FIELD', message: error.message });
    }
    throw error;
  };

  app.get(
    '/api/v1/admin/credentials',
    {
      schema: {
        summary: 'Every credential (never its secret)',
        tags: ['admin'],
        security: [{ bearer: [] }],
        response: errors,
      },
    },
    async () => ({ credentials: await listCredentials(app.store.documents) }),
  );

  app.post(
    '/api/v1/admin/credentials',
    {
      schema: {
        summary: 'Create a credential; the token is shown once, in this answer only',
        tags: ['admin'],
        security: [{ bearer: [] }],
        body: CreateBody,
        response: {
          201: Type.Object({ token: Type.String(), record: Type.Object({}, { additionalProperties: true }) }),
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const body = request.body as { label: string; role: Role; scope: Scope };
      const issued = await createCredential(app.store.documents, body, app.now(), app.organisations).catch(
        refuse,
      );
      return reply.code(201).send(issued);
    },
  );

  app.delete(
    '/api/v1/admin/credentials/:id',
    {
      schema: {
        summary:
          'Revoke a credential (every instance refuses it within 2 s, and closes its websockets within 5 s)',
        tags: ['admin'],
        security: [{ bearer: [] }],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 40 }) }),
        response: errors,
      },
    },
    async (request) => {
      const { id } = request.params as { id: string };
      const known = (await listCredentials(app.store.documents)).some((c) => c.id === id);
      if (!known) throw new ApiRequestError({ code: 'NOT_FOUND', message: `No credential ${id}.` });
      const revoked = await revokeCredential(app.store.documents, id, app.now());
      app.verifier.invalidate(id);
      return revoked;
    },
  );
}

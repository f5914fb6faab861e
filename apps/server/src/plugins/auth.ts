import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { roleMayCall } from '../access/access-rules';
import { CredentialVerifier, parseBearer } from '../access/credentials';
import type { Principal } from '../access/principal';
import { RateLimiter } from '../access/rate-limiter';
import { ApiRequestError } from '../api-error';

declare module 'fastify' {
  interface FastifyInstance {
    verifier: CredentialVerifier;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
  }
}

/** Request the caller's principal inside a protected route (the hook has already checked it). */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === undefined) throw new Error('principalOf used on an unprotected route');
  return request.principal;
}

/**
 * Every /api/v1 route needs a bearer credential whose role may call it, within its rate limit.
 * Object-level rights (which handovers, which events) are checked inside the routes.
 */
export default fp(
  async (app: FastifyInstance) => {
    const verifier = new CredentialVerifier(app.store.documents, { cacheMs: app.config.credentialCacheMs });
    const limiter = new RateLimiter(app.config.rateLimit);
    app.decorate('verifier', verifier);
    app.decorateRequest('principal', undefined);

    app.addHook('onRequest', async (request) => {
      const route = request.routeOptions.url;
      if (route === undefined || !route.startsWith('/api/v1/')) return;
      const token = parseBearer(request.headers.authorization);
      if (token === undefined) {
        throw new ApiRequestError(
          { code: 'UNAUTHENTICATED', message: 'Send a credential: Authorization: Bearer <token>.' },
          { 'www-authenticate': 'Bearer' },
        );
      }
      const principal = await verifier.verify(token);
      if (principal === undefined) {
        throw new ApiRequestError(
          { code: 'UNAUTHENTICATED', message: 'The credential is not valid or has been revoked.' },
          { 'www-authenticate': 'Bearer error="invalid_token"' },
        );
      }
      // A HEAD is the GET of the same route without its body (Fastify answers it from the GET route).
      const method = request.method === 'HEAD' ? 'GET' : request.method;
      if (!roleMayCall(principal.role, `${method} ${route}`)) {
        throw new ApiRequestError({
          code: 'FORBIDDEN',
          message: `Credentials with the '${principal.role}' role may not call ${request.method} ${route}.`,
        });
      }
      const allowed = limiter.take(principal.credentialId, app.now());
      if (!allowed.ok) {
        throw new ApiRequestError(
          { code: 'RATE_LIMITED', message: `Too many requests; retry in ${allowed.retryAfterSeconds} s.` },
          { 'retry-after': String(allowed.retryAfterSeconds) },
        );
      }
      request.principal = principal;
    });
  },
  { name: 'auth', dependencies: ['core-services'] },
);

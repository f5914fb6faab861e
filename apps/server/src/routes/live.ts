import { thresholdsAt } from '@handover/domain';
import { ApiErrorSchema, type Scope } from '@handover/protocol';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { matchesScope, scopeWithin } from '../access/access-rules';
import { ApiRequestError } from '../api-error';
import { principalOf } from '../plugins/auth';
import { liveSummary } from '../services/live-summary';

const Code = Type.Object({ code: Type.String({ pattern: '^[A-Z0-9]{3,5}$' }) });
const responses = { 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema };

/** Current figures per site, trust, region and England, computed by the domain on request. */
export default async function liveRoutes(app: FastifyInstance) {
  const summaryFor = (request: FastifyRequest, scope: Scope, exists: boolean) => {
    if (!exists) throw new ApiRequestError({ code: 'NOT_FOUND', message: 'No such organisation code.' });
    if (!scopeWithin(scope, principalOf(request).scope, app.organisations)) {
      throw new ApiRequestError({
        code: 'FORBIDDEN',
        message: "That organisation is outside your credential's scope.",
      });
    }
    const now = app.now();
    const handovers = [...app.projection.handovers.values()].filter((h) =>
      matchesScope(scope, h, app.organisations),
    );
    return { scope, ...liveSummary(handovers, now, thresholdsAt(app.thresholds, now)) };
  };
  const schema = (summary: string, withCode = true) => ({
    summary,
    tags: ['live'],
    security: [{ bearer: [] }],
    ...(withCode ? { params: Code } : {}),
    response: responses,
  });
  const code = (request: FastifyRequest) => (request.params as { code: string }).code;

  app.get('/api/v1/live/england', { schema: schema('Live figures for England', false) }, async (request) =>
    summaryFor(request, { kind: 'england' }, true),
  );
  app.get(
    '/api/v1/live/regions/:code',
    { schema: schema('Live figures for an NHS England region') },
    async (request) =>
      summaryFor(
        request,
        { kind: 'region', code: code(request) },
        app.organisations.region(code(request)) !== undefined,
      ),
  );
  app.get(
    '/api/v1/live/acute-trusts/:code',
    { schema: schema('Live figures for an acute trust') },
    async (request) =>
      summaryFor(
        request,
        { kind: 'acute_trust', code: code(request) },
        app.organisations.acuteTrust(code(request)) !== undefined,
      ),
  );
  app.get(
    '/api/v1/live/ambulance-trusts/:code',
    { schema: schema("Live figures for an ambulance trust's conveyances") },
    async (request) =>
      summaryFor(
        request,
        { kind: 'ambulance_trust', code: code(request) },
        app.organisations.ambulanceTrust(code(request)) !== undefined,
      ),
  );
  app.get('/api/v1/live/sites/:code', { schema: schema('Live figures for one site') }, async (request) =>
    summaryFor(
      request,
      { kind: 'sites', codes: [code(request)] },
      app.organisations.site(code(request)) !== undefined,
    ),
  );
}

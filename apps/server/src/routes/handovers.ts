import { HANDOVER_STATES, type HandoverState, thresholdsAt } from '@handover/domain';
import { ApiErrorSchema, SiteCode, TIMESTAMP_PATTERN, TrustCode } from '@handover/protocol';
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import { canView } from '../access/access-rules';
import { ApiRequestError, queryTimestamp } from '../api-error';
import { principalOf } from '../plugins/auth';
import { toHandoverView } from '../services/handover-view';

const ListQuery = Type.Object(
  {
    siteCode: Type.Optional(SiteCode),
    ambulanceTrustCode: Type.Optional(TrustCode),
    state: Type.Optional(Type.Enum([...HANDOVER_STATES])),
    arrivedFrom: Type.Optional(
      Type.String({ pattern: TIMESTAMP_PATTERN, description: 'Arrival at or after' }),
    ),
    arrivedTo: Type.Optional(Type.String({ pattern: TIMESTAMP_PATTERN, description: 'Arrival before' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
  },
  { additionalProperties: false },
);

interface ListQueryValue {
  siteCode?: string;
  ambulanceTrustCode?: string;
  state?: HandoverState;
  arrivedFrom?: string;
  arrivedTo?: string;
  limit?: number;
}

export default async function handoverRoutes(app: FastifyInstance) {
  app.get(
    '/api/v1/handovers',
    {
      schema: {
        summary: 'Handovers the credential may see, newest arrival first',
        tags: ['handovers'],
        security: [{ bearer: [] }],
        querystring: ListQuery,
        response: { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const query = request.query as ListQueryValue;
      const from = query.arrivedFrom
        ? queryTimestamp(query.arrivedFrom, 'arrivedFrom')
        : Number.NEGATIVE_INFINITY;
      const to = query.arrivedTo ? queryTimestamp(query.arrivedTo, 'arrivedTo') : Number.POSITIVE_INFINITY;
      const now = app.now();
      const matches = [...app.projection.handovers.values()].filter(
        (h) =>
          (query.siteCode === undefined || h.siteCode === query.siteCode) &&
          (query.ambulanceTrustCode === undefined || h.ambulanceTrustCode === query.ambulanceTrustCode) &&
          (query.state === undefined || h.state === query.state) &&
          (h.arrivedAt ?? h.expectedAt ?? 0) >= from &&
          (h.arrivedAt ?? h.expectedAt ?? 0) < to &&
          canView(principal, h, app.organisations),
      );
      matches.sort((a, b) => (b.arrivedAt ?? b.expectedAt ?? 0) - (a.arrivedAt ?? a.expectedAt ?? 0));
      const thresholds = thresholdsAt(app.thresholds, now);
      return {
        total: matches.length,
        handovers: matches.slice(0, query.limit ?? 200).map((h) => toHandoverView(h, now, thresholds)),
      };
    },
  );

  app.get(
    '/api/v1/handovers/:handoverId',
    {
      schema: {
        summary: 'One handover: its timeline, both handover stamps, release requests and every correction',
        tags: ['handovers'],
        security: [{ bearer: [] }],
        params: Type.Object({ handoverId: Type.String({ format: 'uuid' }) }),
        response: { 400: ApiErrorSchema, 401: ApiErrorSchema, 403: ApiErrorSchema, 404: ApiErrorSchema },
      },
    },
    async (request) => {
      const { handoverId } = request.params as { handoverId: string };
      const handover = app.projection.get(handoverId);
      // Out of scope reads as not found, so a credential cannot probe for other sites' handovers.
      if (handover === undefined || !canView(principalOf(request), handover, app.organisations)) {
        throw new ApiRequestError({ code: 'NOT_FOUND', message: `No handover ${handoverId} in your scope.` });
      }
      const now = app.now();
      return toHandoverView(handover, now, thresholdsAt(app.thresholds, now));
    },
  );
}

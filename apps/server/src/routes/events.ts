import type { HandoverEvent } from '@handover/domain';
import {
  ApiErrorSchema,
  type BatchResult,
  BatchResultSchema,
  EventAcceptedSchema,
  HandoverEventSchema,
  MAX_BATCH_EVENTS,
  parseHandoverEvent,
  statusOf,
} from '@handover/protocol';
import type { FastifyInstance } from 'fastify';
import { ApiRequestError } from '../api-error';
import { principalOf } from '../plugins/auth';
import type { IngestOutcome } from '../services/ingest';

const errors = {
  400: ApiErrorSchema,
  401: ApiErrorSchema,
  403: ApiErrorSchema,
  409: ApiErrorSchema,
  413: ApiErrorSchema,
  422: ApiErrorSchema,
  429: ApiErrorSchema,
  503: ApiErrorSchema,
};

/** The body validator of an event route is the protocol's own parser, so errors name the field. */
function eventBodyValidator() {
  return (body: unknown) => {
    const parsed = parseHandoverEvent(body);
    return parsed.ok ? { value: parsed.value } : { error: new ApiRequestError(parsed.error) };
  };
}

function batchBodyValidator() {
  return (body: unknown) => {
    const events = (body as { events?: unknown } | null)?.events;
    if (typeof body !== 'object' || body === null || Array.isArray(body) || !Array.isArray(events)) {
      return {
        error: new ApiRequestError({
          code: 'INVALID_BODY',
          message: 'Send { "events": [ ... ] }.',
          field: 'events',
        }),
      };
    }
    const unknown = Object.keys(body).find((key) => key !== 'events');
    if (unknown !== undefined) {
      return {
        error: new ApiRequestError({
          code: 'UNKNOWN_FIELD',
          message: `Unknown field '${unknown}'.`,
          field: unknown,
        }),
      };
    }
    if (events.length === 0 || events.length > MAX_BATCH_EVENTS) {
      const code = events.length === 0 ? 'INVALID_BODY' : 'BATCH_TOO_LARGE';
      return {
        error: new ApiRequestError({
          code,
          message: `A batch holds 1 to ${MAX_BATCH_EVENTS} events (got ${events.length}).`,
          field: 'events',
        }),
      };
    }
    return { value: { events } };
  };
}

export default async function eventRoutes(app: FastifyInstance) {
  app.post(
    '/api/v1/events',
    {
      schema: {
        summary: 'Record one handover event',
        description:
          'Idempotent by eventId: a replay answers 200 with the original outcome marked duplicate.',
        tags: ['events'],
        security: [{ bearer: [] }],
        body: HandoverEventSchema,
        response: { 200: EventAcceptedSchema, 201: EventAcceptedSchema, ...errors },
      },
      validatorCompiler: eventBodyValidator,
    },
    async (request, reply) => {
      const outcome = await app.ingest.ingest(request.body as HandoverEvent, principalOf(request));
      if (!outcome.ok) throw new ApiRequestError(outcome.error);
      const { ok: _ok, ...body } = outcome;
      return reply.code(outcome.outcome === 'accepted' ? 201 : 200).send(body);
    },
  );

  app.post(
    '/api/v1/events/batch',
    {
      schema: {
        summary: `Record up to ${MAX_BATCH_EVENTS} events, with a result per event`,
        description:
          'Events of one handover are applied in the order given; different handovers proceed in parallel. One bad event does not stop the others.',
        tags: ['events'],
        security: [{ bearer: [] }],
        body: {
          type: 'object',
          properties: { events: { type: 'array', items: HandoverEventSchema, maxItems: MAX_BATCH_EVENTS } },
        },
        response: { 200: BatchResultSchema, ...errors },
      },
      validatorCompiler: batchBodyValidator,
    },
    async (request) => {
      const principal = principalOf(request);
      const { events } = request.body as { events: unknown[] };
      const results: IngestOutcome[] = new Array(events.length);
      // Sequential within a handover (order matters), parallel across handovers (the store batches writes).
      const chains = new Map<string, Promise<void>>();
      events.forEach((raw, index) => {
        const parsed = parseHandoverEvent(raw, `events/${index}/`);
        if (!parsed.ok) {
          results[index] = parsed;
          return;
        }
        const key = parsed.value.handoverId;
        const previous = chains.get(key) ?? Promise.resolve();
        chains.set(
          key,
          previous.then(async () => {
            const outcome = await app.ingest.ingest(parsed.value, principal);
            // Name the field within the batch, as the schema errors above do ('events/3/at').
            results[index] =
              outcome.ok || outcome.error.field === undefined
                ? outcome
                : { ok: false, error: { ...outcome.error, field: `events/${index}/${outcome.error.field}` } };
          }),
        );
      });
      await Promise.all(chains.values());
      const summary: BatchResult = { accepted: 0, duplicates: 0, rejected: 0, results: [] };
      results.forEach((result, index) => {
        if (result.ok) {
          const { ok: _ok, ...body } = result;
          summary[result.outcome === 'accepted' ? 'accepted' : 'duplicates'] += 1;
          summary.results.push({ index, status: result.outcome === 'accepted' ? 201 : 200, ...body });
        } else {
          summary.rejected += 1;
          summary.results.push({ index, status: statusOf(result.error.code), error: result.error });
        }
      });
      return summary;
    },
  );
}

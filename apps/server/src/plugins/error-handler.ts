import { StoreUnavailableError } from '@handover/store';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ApiRequestError } from '../api-error';

/**
 * One place turns every failure into `{ error: { code, message, field? } }`. 5xx details stay in the
 * log, never in the answer.
 */
export default fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      if (error instanceof ApiRequestError) {
        return reply.code(error.statusCode).headers(error.headers).send({ error: error.apiError });
      }
      if (error instanceof StoreUnavailableError) {
        request.log.warn({ err: error }, 'store unavailable');
        return reply
          .code(503)
          .header('retry-after', '5')
          .send({
            error: {
              code: 'STORE_UNAVAILABLE',
              message: 'The event store cannot be reached; retry shortly.',
            },
          });
      }
      switch (error.code) {
        case 'FST_ERR_CTP_INVALID_JSON_BODY':
        case 'FST_ERR_CTP_EMPTY_JSON_BODY':
          return reply
            .code(400)
            .send({ error: { code: 'MALFORMED_JSON', message: 'The body is not valid JSON.' } });
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
          return reply
            .code(413)
            .send({ error: { code: 'BODY_TOO_LARGE', message: 'The body is too large.' } });
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
          return reply.code(415).send({
            error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send the body as application/json.' },
          });
      }
      if (error.validation) {
        const issue = error.validation[0];
        const path = issue?.instancePath.replace(/^\//, '') ?? '';
        const unknown =
          issue?.keyword === 'additionalProperties' ? issue.params?.additionalProperty : undefined;
        if (typeof unknown === 'string') {
          const field = path ? `${path}/${unknown}` : unknown;
          return reply.code(400).send({
            error: {
              code: 'UNKNOWN_FIELD',
              message: `Unknown ${error.validationContext ?? 'request'} field '${field}'.`,
              field,
            },
          });
        }
        const field = path || issue?.params?.missingProperty;
        return reply.code(400).send({
          error: {
            code: 'INVALID_FIELD',
            message: `${error.validationContext ?? 'request'}${field ? ` field '${field}'` : ''} ${issue?.message ?? 'is invalid'}.`,
            ...(typeof field === 'string' && field ? { field } : {}),
          },
        });
      }
      const status = error.statusCode ?? 500;
      if (status < 500) {
        const code = status === 403 ? 'FORBIDDEN' : status === 404 ? 'NOT_FOUND' : 'INVALID_BODY';
        return reply.code(status).send({ error: { code, message: error.message } });
      }
      request.log.error({ err: error }, 'unhandled error');
      return reply
        .code(500)
        .send({ error: { code: 'INTERNAL', message: 'Something went wrong on the server.' } });
    });
  },
  { name: 'error-handler' },
);

/**
 * Fastify answers a malformed URL (bad percent-encoding) or an over-long path parameter before routing,
 * so the error handler above never sees them; this gives them the API's error shape too. It is a
 * constructor option (`frameworkErrors`), which no plugin can set. Found by fuzzing.
 */
export function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    const problem =
      error.code === 'FST_ERR_BAD_URL' ? 'has malformed percent-encoding' : 'has a part that is too long';
    void reply.code(400).send({ error: { code: 'INVALID_FIELD', message: `The URL ${problem}.` } });
    return;
  }
  void reply.code(500).send({ error: { code: 'INTERNAL', message: 'Something went wrong on the server.' } });
}

import Fastify, { type FastifyInstance } from 'fastify';
import authPlugin from './plugins/auth';
import coreServices, { type CoreServicesOptions } from './plugins/core-services';
import errorHandler, { frameworkErrors } from './plugins/error-handler';
import liveSocket from './plugins/live-socket';
import openapi from './plugins/openapi';
import reports from './plugins/reports';
import webApp from './plugins/web-app';
import adminCredentialRoutes from './routes/admin-credentials';
import eventRoutes from './routes/events';
import handoverRoutes from './routes/handovers';
import healthRoutes from './routes/health';
import liveRoutes from './routes/live';
import meRoutes from './routes/me';
import organisationRoutes from './routes/organisations';
import reportRoutes from './routes/reports';

export type BuildAppOptions = CoreServicesOptions & { logger?: boolean | object };

/** The whole server as one Fastify instance: external plugins, app plugins, then routes. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? { level: options.config.logLevel },
    bodyLimit: options.config.bodyLimitBytes,
    // Unknown fields must be refused, never silently stripped. Coercion is for querystrings ('10' to 10,
    // one value to a list); event bodies go through the protocol's own parser, which never coerces.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // The start-up replay runs in an onReady hook and grows with the log (10 s for 370,000 events on
    // a busy machine): Fastify's default 10 s limit on hooks would abort the start. No limit.
    pluginTimeout: 0,
    frameworkErrors,
  });
  // Every body is JSON: a text/plain one is refused with 415 rather than read as a string.
  app.removeContentTypeParser('text/plain');
  await app.register(errorHandler);
  await app.register(openapi);
  await app.register(coreServices, options);
  await app.register(reports);
  await app.register(authPlugin);
  await app.register(liveSocket);
  await app.register(webApp);
  await app.register(healthRoutes);
  await app.register(organisationRoutes);
  await app.register(eventRoutes);
  await app.register(handoverRoutes);
  await app.register(liveRoutes);
  await app.register(meRoutes);
  await app.register(adminCredentialRoutes);
  await app.register(reportRoutes);
  return app;
}

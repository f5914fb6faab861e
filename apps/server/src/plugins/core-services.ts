import { ENGLAND_THRESHOLDS, type Organisations, type ThresholdsTable } from '@handover/domain';
import { type EventStore, openEventStore } from '@handover/store';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { ServerConfig } from '../config';
import { LiveProjection } from '../live/live-projection';
import { IngestService } from '../services/ingest';
import { loadReferenceOrganisations } from '../services/reference-data';

declare module 'fastify' {
  interface FastifyInstance {
    config: ServerConfig;
    now: () => number;
    store: EventStore;
    organisations: Organisations;
    thresholds: ThresholdsTable;
    projection: LiveProjection;
    ingest: IngestService;
  }
}

export interface CoreServicesOptions {
  config: ServerConfig;
  /** Injected by tests that need a fixed clock; the real clock otherwise. */
  now?: () => number;
  /** Injected by tests that share one store between app instances. */
  store?: EventStore;
  organisations?: Organisations;
}

const REPLAY_PAGE = 5_000;

/**
 * The services every route stands on: the store, the organisations, the live projection (replayed
 * from the log at start, then fed by the store's subscription) and the ingest pipeline.
 */
export default fp<CoreServicesOptions>(
  async (app: FastifyInstance, options) => {
    const { config } = options;
    const now = options.now ?? Date.now;
    const store =
      options.store ??
      (await openEventStore({
        redisUrl: config.redisUrl,
        dataDir: config.dataDir,
        onWarning: (message: string) => app.log.warn(message),
      }));
    const organisations = options.organisations ?? loadReferenceOrganisations(config.referenceDir);
    const projection = new LiveProjection();

    app.decorate('config', config);
    app.decorate('now', now);
    app.decorate('store', store);
    app.decorate('organisations', organisations);
    app.decorate('thresholds', ENGLAND_THRESHOLDS);
    app.decorate('projection', projection);
    app.decorate(
      'ingest',
      new IngestService({
        store,
        projection,
        organisations,
        now,
        maxFutureSkewMs: config.maxFutureSkewMs,
        amendmentWindowDays: config.amendmentWindowDays,
      }),
    );

    // Replay happens once every plugin has registered its projection listeners (the live hub fills its
    // resume buffer from it), so it runs at ready time.
    let unsubscribe: (() => Promise<void>) | undefined;
    app.addHook('onReady', async () => {
      const started = performance.now();
      for (;;) {
        const page = await store.readAfter(projection.cursor, REPLAY_PAGE);
        projection.apply(page);
        if (page.length < REPLAY_PAGE) break;
      }
      app.log.info(
        {
          handovers: projection.handovers.size,
          cursor: projection.cursor,
          ms: Math.round(performance.now() - started),
        },
        'event log replayed',
      );
      unsubscribe = store.subscribe(
        projection.cursor,
        (events) => projection.apply(events),
        (error) => app.log.warn({ err: error }, 'event subscription interrupted; retrying'),
      );
    });
    app.addHook('onClose', async () => {
      await unsubscribe?.();
      if (options.store === undefined) await store.close();
    });
  },
  { name: 'core-services' },
);

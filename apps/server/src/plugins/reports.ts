import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ReportArchive } from '../reports/report-archive';
import { dailyReturnKind, report1600Kind } from '../reports/report-kinds';
import { ReportService } from '../reports/report-service';
import { SnapshotScheduler } from '../reports/snapshot-scheduler';

declare module 'fastify' {
  interface FastifyInstance {
    reports: ReportService;
    reportArchives: { report1600: ReportArchive; dailyReturn: ReportArchive };
    reportScheduler: SnapshotScheduler;
  }
}

/**
 * The reports engine: fed by the projection (so the start-up replay rebuilds it from the log), frozen
 * reports in the store's documents, and the scheduler that freezes and revises them.
 */
export default fp(
  async (app: FastifyInstance) => {
    const { config, organisations } = app;
    const service = new ReportService({
      organisations,
      thresholds: app.thresholds,
      period: { cutoff: config.reportCutoff, lengthHours: config.reportPeriodHours },
    });
    const archives = {
      report1600: new ReportArchive(app.store.documents, report1600Kind(service, organisations)),
      dailyReturn: new ReportArchive(app.store.documents, dailyReturnKind(service, organisations)),
    };
    const scheduler = new SnapshotScheduler({
      service,
      archives: [archives.report1600, archives.dailyReturn],
      now: app.now,
      instanceId: config.instanceId,
      amendmentWindowDays: config.amendmentWindowDays,
      revisionIntervalMs: config.reportRevisionMinutes * 60_000,
      log: app.log,
    });
    // Before the replay (core-services, at ready), so that it sees every event of the log.
    await scheduler.init();
    const detach = app.projection.onApplied((applied) => scheduler.onApplied(applied));

    app.decorate('reports', service);
    app.decorate('reportArchives', archives);
    app.decorate('reportScheduler', scheduler);
    // Registered after core-services, so this runs once the log has been replayed.
    app.addHook('onReady', async () => scheduler.start());
    app.addHook('onClose', async () => {
      detach();
      await scheduler.stop();
    });
  },
  { name: 'reports', dependencies: ['core-services'] },
);

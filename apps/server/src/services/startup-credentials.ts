import type { FastifyInstance } from 'fastify';
import { listCredentials, revokeCredential } from '../access/credentials';
import { createDemoCredentials, type DemoCredentials } from '../access/demo-credentials';
import { ConfigError } from '../config';

export const DEMO_SITE = 'RRK15';
export const DEMO_AMBULANCE_TRUST = 'RYA';

/**
 * Demo mode mints credentials and returns them for the start-up banner. Otherwise the server refuses
 * to start with no credential configured: an open server is never the default.
 */
export async function prepareCredentials(app: FastifyInstance): Promise<DemoCredentials | undefined> {
  if (app.config.demo) {
    // Each start mints new demo tokens; the previous run's are revoked so they do not pile up. Only on
    // the file store, which one process at a time may open: on Redis the other demo credentials may
    // belong to instances still running, whose printed links must keep working.
    const previous = app.store.kind === 'file' ? await listCredentials(app.store.documents) : [];
    for (const old of previous) {
      if (old.label.startsWith('Demo: ') && old.revokedAt === undefined) {
        await revokeCredential(app.store.documents, old.id, app.now());
      }
    }
    return createDemoCredentials(app.store.documents, app.organisations, {
      busySiteCode: DEMO_SITE,
      ambulanceTrustCode: DEMO_AMBULANCE_TRUST,
      now: app.now(),
    });
  }
  const active = (await listCredentials(app.store.documents)).filter((c) => c.revokedAt === undefined);
  if (active.length === 0) {
    // A ConfigError: main prints just this message, no stack trace, as for any setup mistake.
    throw new ConfigError(
      'No credentials are configured. Create one first, e.g.\n' +
        '  pnpm --filter @handover/server credentials create --role admin --scope england --label "Administrator"\n' +
        'or start in demo mode with DEMO=1.',
    );
  }
  return undefined;
}

/** The ready-to-open links printed at start in demo mode (tokens ride in the URL fragment, never sent to servers). */
export function demoLinks(baseUrl: string, demo: DemoCredentials): { label: string; url: string }[] {
  const link = (path: string, token: string) => `${baseUrl}${path}#token=${encodeURIComponent(token)}`;
  return [
    {
      label: 'ED wall display (Queen Elizabeth Hospital Birmingham)',
      url: link(`/board/${DEMO_SITE}`, demo.busySiteEd.token),
    },
    { label: 'ED entry tablet', url: link(`/entry/${DEMO_SITE}`, demo.busySiteEd.token) },
    {
      label: 'Control room (West Midlands Ambulance Service)',
      url: link(`/control/${DEMO_AMBULANCE_TRUST}`, demo.ambulanceControl.token),
    },
    { label: 'National view (NHS England)', url: link('/national', demo.englandViewer.token) },
    { label: '16:00 report', url: link('/reports', demo.englandViewer.token) },
    { label: 'API documentation', url: `${baseUrl}/api/docs` },
  ];
}

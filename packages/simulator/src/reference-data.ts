import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadOrganisations, type Organisations } from '@handover/domain';
import { type Calibration, calibrateTraffic } from './calibration';

/**
 * The reference data the generator is calibrated on: the organisations and the published handover
 * figures. The same shipped files the server reads by default, so every simulated code is one it knows.
 */

export interface ReferenceData {
  organisations: Organisations;
  calibration: Calibration;
}

/** The domain's shipped reference folder. */
export function defaultReferenceDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@handover/domain/package.json')), 'reference');
}

export function loadReferenceData(dir: string = defaultReferenceDir()): ReferenceData {
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
  const organisations = loadOrganisations({
    acuteTrusts: read('acute_trusts.csv'),
    ambulanceTrusts: read('ambulance_trusts.csv'),
    sites: read('sites.csv'),
  });
  const calibration = calibrateTraffic(
    {
      handoverDaily: read('handover_daily.csv'),
      handoverMonthlyByTrust: read('handover_monthly_by_trust.csv'),
    },
    organisations.acuteTrusts,
  );
  return { organisations, calibration };
}

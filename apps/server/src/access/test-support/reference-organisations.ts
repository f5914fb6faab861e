import { readFileSync } from 'node:fs';
import { loadOrganisations, type Organisations } from '@handover/domain';

const REFERENCE_DIR = new URL('../../../../../packages/domain/reference/', import.meta.url);

/** The real, shipped organisation data, so the rules are tested against codes that exist. */
export function referenceOrganisations(): Organisations {
  const read = (name: string) => readFileSync(new URL(name, REFERENCE_DIR), 'utf8');
  return loadOrganisations({
    acuteTrusts: read('acute_trusts.csv'),
    ambulanceTrusts: read('ambulance_trusts.csv'),
    sites: read('sites.csv'),
  });
}

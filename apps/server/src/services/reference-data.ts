import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadOrganisations, type Organisations } from '@handover/domain';

/** The shipped reference data folder; a deployment can point REFERENCE_DIR at its own copy. */
export function defaultReferenceDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@handover/domain/package.json')), 'reference');
}

export function loadReferenceOrganisations(dir: string = defaultReferenceDir()): Organisations {
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  return loadOrganisations({
    acuteTrusts: read('acute_trusts.csv'),
    ambulanceTrusts: read('ambulance_trusts.csv'),
    sites: read('sites.csv'),
  });
}

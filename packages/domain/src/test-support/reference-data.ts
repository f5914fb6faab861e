import { readFileSync } from 'node:fs';
import { loadOrganisations, type Organisations } from '../organisations';

// The domain package does no I/O; only tests read the shipped reference files, through here.
export function referenceText(file: string): string {
  return readFileSync(new URL(`../../reference/${file}`, import.meta.url), 'utf8');
}

export function referenceOrganisations(): Organisations {
  return loadOrganisations({
    acuteTrusts: referenceText('acute_trusts.csv'),
    ambulanceTrusts: referenceText('ambulance_trusts.csv'),
    sites: referenceText('sites.csv'),
  });
}

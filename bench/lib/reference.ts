import { readFileSync } from 'node:fs';
import { loadOrganisations, type Organisations } from '@handover/domain';

/** A site the sender can convey to, with the ambulance trusts that usually bring patients there. */
export interface BenchSite {
  code: string;
  /** Ambulance trusts of the site's region (the home trust first). */
  ambulanceTrusts: readonly string[];
}

export interface BenchReference {
  organisations: Organisations;
  sites: readonly BenchSite[];
  ambulanceTrustCodes: readonly string[];
}

/** The shipped NHS reference data (the same files the server loads). */
export function loadBenchReference(): BenchReference {
  const text = (file: string) =>
    readFileSync(new URL(`../../packages/domain/reference/${file}`, import.meta.url), 'utf8');
  const organisations = loadOrganisations({
    acuteTrusts: text('acute_trusts.csv'),
    ambulanceTrusts: text('ambulance_trusts.csv'),
    sites: text('sites.csv'),
  });
  const allTrusts = organisations.ambulanceTrusts.map((trust) => trust.code);
  const sites = organisations.sites.map((site) => {
    const regional = organisations.ambulanceTrustsOfRegion(site.regionCode).map((trust) => trust.code);
    return { code: site.code, ambulanceTrusts: regional.length > 0 ? regional : allTrusts };
  });
  return { organisations, sites, ambulanceTrustCodes: allTrusts };
}

import { type AcuteTrust, type AmbulanceTrust, displayName, type Region, type Site } from '@handover/domain';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { fetchOrganisations, type OrganisationsBody } from '../shared/api-client/organisations';

/** Names for codes: fetched once per page, looked up by every view. Names are display-cased. */
export interface OrganisationDirectory {
  regions: readonly Region[];
  ambulanceTrusts: readonly AmbulanceTrust[];
  acuteTrusts: readonly AcuteTrust[];
  sites: readonly Site[];
  region(code: string): Region | undefined;
  ambulanceTrust(code: string): AmbulanceTrust | undefined;
  acuteTrust(code: string): AcuteTrust | undefined;
  site(code: string): Site | undefined;
}

interface OrganisationsState {
  status: 'idle' | 'loading' | 'ready' | 'failed';
  directory: OrganisationDirectory | null;
}

/** Public reference data, cached so an entry tablet reloaded while offline still has its lists. */
const CACHE_KEY = 'handover.organisations.v1';

export const organisationsStore = createStore<OrganisationsState>()(() => {
  const cached = readCache();
  return { status: 'idle', directory: cached === null ? null : buildDirectory(cached) };
});

let loading: Promise<void> | undefined;

/** Fetches the directory once; later calls share the first request. A failure may be retried. */
export function loadOrganisations(token: string): Promise<void> {
  if (organisationsStore.getState().status === 'ready') return Promise.resolve();
  loading ??= (async () => {
    organisationsStore.setState({ status: 'loading' });
    const result = await fetchOrganisations(token);
    if (result.ok) {
      writeCache(result.body);
      organisationsStore.setState({ status: 'ready', directory: buildDirectory(result.body) });
    } else {
      organisationsStore.setState({ status: 'failed' });
    }
    loading = undefined;
  })();
  return loading;
}

export function buildDirectory(body: OrganisationsBody): OrganisationDirectory {
  const named = <T extends { name: string }>(items: readonly T[]): T[] =>
    items.map((item) => ({ ...item, name: displayName(item.name) }));
  const regions = named(body.regions);
  const ambulanceTrusts = named(body.ambulanceTrusts);
  const acuteTrusts = named(body.acuteTrusts);
  const sites = named(body.sites);
  const index = <T extends { code: string }>(items: readonly T[]) =>
    new Map(items.map((item) => [item.code, item]));
  const byRegion = index(regions);
  const byAmbulanceTrust = index(ambulanceTrusts);
  const byAcuteTrust = index(acuteTrusts);
  const bySite = index(sites);
  return {
    regions,
    ambulanceTrusts,
    acuteTrusts,
    sites,
    region: (code) => byRegion.get(code),
    ambulanceTrust: (code) => byAmbulanceTrust.get(code),
    acuteTrust: (code) => byAcuteTrust.get(code),
    site: (code) => bySite.get(code),
  };
}

export function useOrganisations(): OrganisationDirectory | null {
  return useStore(organisationsStore, (state) => state.directory);
}

function readCache(): OrganisationsBody | null {
  try {
    const text = globalThis.localStorage?.getItem(CACHE_KEY);
    const body = text ? (JSON.parse(text) as OrganisationsBody) : null;
    return body !== null && Array.isArray(body.sites) && Array.isArray(body.ambulanceTrusts) ? body : null;
  } catch {
    return null;
  }
}

function writeCache(body: OrganisationsBody): void {
  try {
    localStorage.setItem(CACHE_KEY, JSON.stringify(body));
  } catch {
    // Only a convenience for offline reloads.
  }
}

import type { Category } from '@handover/domain';
import type { Random, Weighted } from './random';

/**
 * Who conveys to a site: mostly the ambulance trust whose area the hospital is in, occasionally a
 * neighbouring one (cross-border flows are real: a patient taken to the nearest ED over the boundary).
 */

export interface ConveyanceSite {
  code: string;
  trustCode: string;
  regionCode: string;
  lat: number;
  lon: number;
}

export interface ConveyanceAmbulanceTrust {
  code: string;
  regionCode: string;
}

/** Share of a site's conveyances made by a neighbouring ambulance trust. */
const CROSS_BORDER_SHARE = 0.04;

// Where a region has two ambulance trusts, a rough line on the map between their areas. Approximate by
// design: a simulator needs plausible flows, not the exact boundary.
const REGION_SPLITS: readonly {
  trusts: readonly [string, string];
  first: (site: ConveyanceSite) => boolean;
}[] = [
  // South East Coast (Kent, Sussex, Surrey) against South Central (Hampshire, Berkshire, Oxon, Bucks).
  { trusts: ['RYD', 'RYE'], first: (site) => site.lat < 51.45 && site.lon > -0.8 },
  // East Midlands against West Midlands, around Coventry, Nuneaton, Burton and Derby.
  { trusts: ['RX9', 'RYA'], first: (site) => site.lon > -1.4 || (site.lat > 52.85 && site.lon > -1.6) },
  // North East (Tyne, Wear, Durham, Tees) against Yorkshire.
  { trusts: ['RX6', 'RX8'], first: (site) => site.lat > 54.45 },
];

// Hospitals whose ambulance service is not their NHS region's: North Cumbria is served by North West
// Ambulance, Northern Lincolnshire and Bassetlaw by East Midlands, Milton Keynes by South Central, and
// the Isle of Wight by its own trust.
const HOME_BY_ACUTE_TRUST: Readonly<Record<string, string>> = {
  RNN: 'RX7',
  RJL: 'RX9',
  RD8: 'RYE',
  R1F: 'R1F',
};
const HOME_BY_SITE: Readonly<Record<string, string>> = { RP5BA: 'RX9' };
// Serves only its own island: never the home trust of a mainland site, nor a neighbour.
const ISLAND_SERVICES = new Set(['R1F']);

const NEIGHBOURS: Readonly<Record<string, readonly string[]>> = {
  RRU: ['RYC', 'RYD', 'RYE'],
  RYC: ['RRU', 'RX9', 'RYE'],
  RYD: ['RRU', 'RYE'],
  RYE: ['RYD', 'RRU', 'RYF', 'RYC'],
  RYF: ['RYE', 'RYA'],
  RYA: ['RYF', 'RX9', 'RX7'],
  RX9: ['RYA', 'RYC', 'RX8'],
  RX8: ['RX6', 'RX7', 'RX9'],
  RX6: ['RX8', 'RX7'],
  RX7: ['RX8', 'RYA', 'RX6'],
};

/** The ambulance trusts that convey to a site: its home trust and the neighbours that exist. */
export interface SiteConveyors {
  home: string;
  neighbours: readonly string[];
}

export function conveyorsOf(
  site: ConveyanceSite,
  ambulanceTrusts: readonly ConveyanceAmbulanceTrust[],
): SiteConveyors {
  const known = new Set(ambulanceTrusts.map((trust) => trust.code));
  const home = homeAmbulanceTrust(site, ambulanceTrusts, known);
  const neighbours = (NEIGHBOURS[home] ?? []).filter((code) => known.has(code) && !ISLAND_SERVICES.has(code));
  return { home, neighbours };
}

function homeAmbulanceTrust(
  site: ConveyanceSite,
  ambulanceTrusts: readonly ConveyanceAmbulanceTrust[],
  known: ReadonlySet<string>,
): string {
  const fixed = HOME_BY_SITE[site.code] ?? HOME_BY_ACUTE_TRUST[site.trustCode];
  if (fixed !== undefined && known.has(fixed)) return fixed;
  const regional = ambulanceTrusts
    .filter((trust) => trust.regionCode === site.regionCode && !ISLAND_SERVICES.has(trust.code))
    .map((trust) => trust.code);
  for (const split of REGION_SPLITS) {
    const [first, second] = split.trusts;
    if (regional.includes(first) && regional.includes(second)) return split.first(site) ? first : second;
  }
  const fallback = regional[0] ?? ambulanceTrusts[0]?.code;
  if (fallback === undefined) throw new RangeError('No ambulance trusts to convey patients');
  return fallback;
}

/** The ambulance trust of one vehicle arriving at the site. */
export function pickAmbulanceTrust(random: Random, conveyors: SiteConveyors): string {
  if (conveyors.neighbours.length > 0 && random.chance(CROSS_BORDER_SHARE))
    return random.pick(conveyors.neighbours);
  return conveyors.home;
}

/** A vehicle callsign in the style "RX6 1234": the trust's code and a fleet number. */
export function callsignFor(random: Random, ambulanceTrustCode: string): string {
  return `${ambulanceTrustCode} ${random.integer(1000, 9999)}`;
}

// Most conveyed patients are category 2 (emergency: stroke, chest pain); category 1 is life-threatening
// and rarer; 4 and 5 are the few urgent or referred cases that still travel by ambulance.
const CATEGORY_WEIGHTS: readonly Weighted<Category>[] = [
  { value: 1, weight: 0.08 },
  { value: 2, weight: 0.58 },
  { value: 3, weight: 0.26 },
  { value: 4, weight: 0.05 },
  { value: 5, weight: 0.03 },
];
/** Some feeds do not send a category; the field is optional on the wire. */
const CATEGORY_MISSING_SHARE = 0.03;

export function pickCategory(random: Random): Category | undefined {
  return random.chance(CATEGORY_MISSING_SHARE) ? undefined : random.weighted(CATEGORY_WEIGHTS);
}

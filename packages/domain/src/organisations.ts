/**
 * The organisation model: NHS England regions, ambulance trusts, acute trusts and their ED sites, built
 * from the reference CSV texts (see reference/SOURCES.md). Pure: the caller reads the files.
 */
import { type CsvRecord, parseCsvRecordsWithLines, parseCsvRows } from './csv';

/** NHS England's seven regions, by their ODS codes. */
export const REGIONS = [
  { code: 'Y56', name: 'London' },
  { code: 'Y59', name: 'South East' },
  { code: 'Y58', name: 'South West' },
  { code: 'Y60', name: 'Midlands' },
  { code: 'Y61', name: 'East of England' },
  { code: 'Y62', name: 'North West' },
  { code: 'Y63', name: 'North East and Yorkshire' },
] as const;

export interface Region {
  code: string;
  name: string;
}

export interface AmbulanceTrust {
  code: string;
  /** ODS name, in ODS capitals; see displayName. */
  name: string;
  regionCode: string;
}

export interface AcuteTrust {
  code: string;
  name: string;
  regionCode: string;
  /** Type-1 A&E attendances in March 2026, for calibrating simulated traffic; null when not given. */
  type1AttendancesMar2026: number | null;
}

export interface Site {
  code: string;
  name: string;
  trustCode: string;
  /** The region of the site's acute trust. */
  regionCode: string;
  postcode: string;
  lat: number;
  lon: number;
}

export interface Organisations {
  /** Every list is sorted by name. */
  readonly regions: readonly Region[];
  readonly ambulanceTrusts: readonly AmbulanceTrust[];
  readonly acuteTrusts: readonly AcuteTrust[];
  readonly sites: readonly Site[];
  region(code: string): Region | undefined;
  ambulanceTrust(code: string): AmbulanceTrust | undefined;
  acuteTrust(code: string): AcuteTrust | undefined;
  site(code: string): Site | undefined;
  /** The sites of an acute trust; empty for an unknown trust. */
  sitesOfTrust(trustCode: string): readonly Site[];
  /** The acute trusts of a region; empty for an unknown region. */
  trustsOfRegion(regionCode: string): readonly AcuteTrust[];
  ambulanceTrustsOfRegion(regionCode: string): readonly AmbulanceTrust[];
}

/** The texts of the three reference files. */
export interface OrganisationTexts {
  acuteTrusts: string;
  ambulanceTrusts: string;
  sites: string;
}

/** Thrown by loadOrganisations with every problem found, so one fix-and-retry clears them all. */
export class OrganisationDataError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Organisation reference data has ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    this.name = 'OrganisationDataError';
    this.problems = problems;
  }
}

// File names as used in messages (the deployment's copies carry these names).
const FILES = {
  acuteTrusts: 'acute_trusts.csv',
  ambulanceTrusts: 'ambulance_trusts.csv',
  sites: 'sites.csv',
} as const;

const COLUMNS = {
  ambulanceTrusts: ['code', 'name', 'region'],
  acuteTrusts: ['code', 'name', 'region', 'type1_attendances_mar2026'],
  sites: ['site_code', 'site_name', 'trust_code', 'postcode', 'lat', 'lon'],
} as const;

const TRUST_CODE = /^[A-Z0-9]{3}$/;
const SITE_CODE = /^[A-Z0-9]{5}$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const WHOLE_NUMBER = /^\d+$/;

// Generous bounds around the UK mainland and islands (Scilly to Shetland, Northern Ireland to Lowestoft).
// They catch swapped or sign-flipped coordinates, not a site placed in the wrong town.
const UK_BOUNDS = { minLat: 49.8, maxLat: 61, minLon: -8.7, maxLon: 1.9 } as const;

/**
 * Builds the organisation model from the reference CSV texts. Throws an OrganisationDataError listing
 * every problem: CSV damage, missing columns, malformed or duplicate codes, unknown region names, sites
 * whose trust is not an acute trust, and positions that are not numbers or lie outside the UK.
 */
export function loadOrganisations(csv: OrganisationTexts): Organisations {
  const problems: string[] = [];
  const ambulanceTrusts = readAmbulanceTrusts(csv.ambulanceTrusts, problems);
  const acute = readAcuteTrusts(csv.acuteTrusts, problems);
  const sites = readSites(csv.sites, acute, problems);
  if (problems.length > 0) throw new OrganisationDataError(problems);
  return buildOrganisations(ambulanceTrusts, acute.trusts, sites);
}

// ---------------------------------------------------------------------------------------------------
// Reading each file

/** Collects problems about one file, each prefixed with the file and line. */
class ProblemLog {
  constructor(
    private readonly file: string,
    private readonly problems: string[],
  ) {}

  add(line: number | null, message: string): void {
    this.problems.push(line === null ? `${this.file}: ${message}` : `${this.file} line ${line}: ${message}`);
  }
}

function readTable(text: string, columns: readonly string[], log: ProblemLog): CsvRecord[] {
  try {
    const header = parseCsvRows(text)[0]?.fields ?? [];
    const missing = columns.filter((column) => !header.includes(column));
    if (missing.length > 0) {
      log.add(null, `missing column(s) ${missing.join(', ')}`);
      return [];
    }
    return parseCsvRecordsWithLines(text).map(trimValues);
  } catch (error) {
    log.add(null, error instanceof Error ? error.message : String(error));
    return [];
  }
}

function trimValues(record: CsvRecord): CsvRecord {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(record.values)) values[key] = value.trim();
  return { line: record.line, values };
}

function field(record: CsvRecord, column: string): string {
  return record.values[column] ?? '';
}

function readAmbulanceTrusts(text: string, problems: string[]): AmbulanceTrust[] {
  const log = new ProblemLog(FILES.ambulanceTrusts, problems);
  const records = readTable(text, COLUMNS.ambulanceTrusts, log);
  reportDuplicates(records, 'code', 'ambulance trust code', log);
  return records.flatMap((record) => {
    const code = checkCode(record, 'code', TRUST_CODE, 'trust code', '3 capital letters or digits', log);
    const name = checkName(record, 'name', log);
    const regionCode = checkRegion(record, log);
    if (code === null || name === null || regionCode === null) return [];
    return [{ code, name, regionCode }];
  });
}

interface AcuteTrustsRead {
  trusts: AcuteTrust[];
  /** Every code in the file, valid row or not, so that sites are not blamed for their trust's faults. */
  codesSeen: ReadonlySet<string>;
}

function readAcuteTrusts(text: string, problems: string[]): AcuteTrustsRead {
  const log = new ProblemLog(FILES.acuteTrusts, problems);
  const records = readTable(text, COLUMNS.acuteTrusts, log);
  reportDuplicates(records, 'code', 'acute trust code', log);
  const trusts = records.flatMap((record) => {
    const code = checkCode(record, 'code', TRUST_CODE, 'trust code', '3 capital letters or digits', log);
    const name = checkName(record, 'name', log);
    const regionCode = checkRegion(record, log);
    const attendances = checkAttendances(record, log);
    if (code === null || name === null || regionCode === null || attendances === undefined) return [];
    return [{ code, name, regionCode, type1AttendancesMar2026: attendances }];
  });
  return { trusts, codesSeen: new Set(records.map((record) => field(record, 'code'))) };
}

function readSites(text: string, acute: AcuteTrustsRead, problems: string[]): Site[] {
  const log = new ProblemLog(FILES.sites, problems);
  const records = readTable(text, COLUMNS.sites, log);
  reportDuplicates(records, 'site_code', 'site code', log);
  const regionOfTrust = new Map(acute.trusts.map((trust) => [trust.code, trust.regionCode]));
  return records.flatMap((record) => {
    const code = checkCode(record, 'site_code', SITE_CODE, 'site code', '5 capital letters or digits', log);
    const name = checkName(record, 'site_name', log);
    const trustCode = checkSiteTrust(record, acute.codesSeen, log);
    const lat = checkCoordinate(record, 'lat', UK_BOUNDS.minLat, UK_BOUNDS.maxLat, log);
    const lon = checkCoordinate(record, 'lon', UK_BOUNDS.minLon, UK_BOUNDS.maxLon, log);
    const regionCode = trustCode === null ? undefined : regionOfTrust.get(trustCode);
    if (code === null || name === null || trustCode === null || lat === null || lon === null) return [];
    // A trust with a problem of its own is already reported, and loading will fail.
    if (regionCode === undefined) return [];
    return [{ code, name, trustCode, regionCode, postcode: field(record, 'postcode'), lat, lon }];
  });
}

// ---------------------------------------------------------------------------------------------------
// Field checks: each reports its problem and returns null (undefined where null is a valid value)

function reportDuplicates(
  records: readonly CsvRecord[],
  column: string,
  what: string,
  log: ProblemLog,
): void {
  const firstLine = new Map<string, number>();
  for (const record of records) {
    const code = field(record, column);
    const earlier = firstLine.get(code);
    if (earlier === undefined) firstLine.set(code, record.line);
    else log.add(record.line, `duplicate ${what} "${code}" (first on line ${earlier})`);
  }
}

function checkCode(
  record: CsvRecord,
  column: string,
  pattern: RegExp,
  what: string,
  expected: string,
  log: ProblemLog,
): string | null {
  const code = field(record, column);
  if (pattern.test(code)) return code;
  log.add(record.line, `${what} "${code}" is not ${expected}`);
  return null;
}

function checkName(record: CsvRecord, column: string, log: ProblemLog): string | null {
  const name = field(record, column);
  if (name !== '') return name;
  log.add(record.line, `${column} is empty`);
  return null;
}

const REGION_BY_NAME = new Map<string, string>(
  REGIONS.map((region) => [region.name.toLowerCase(), region.code]),
);

/** Region names are matched ignoring case, since files edited by hand vary "and" / "And". */
function checkRegion(record: CsvRecord, log: ProblemLog): string | null {
  const name = field(record, 'region');
  const code = REGION_BY_NAME.get(name.toLowerCase());
  if (code !== undefined) return code;
  log.add(
    record.line,
    `unknown region "${name}" (expected one of: ${REGIONS.map((r) => r.name).join(', ')})`,
  );
  return null;
}

function checkAttendances(record: CsvRecord, log: ProblemLog): number | null | undefined {
  const text = field(record, 'type1_attendances_mar2026');
  if (text === '') return null;
  if (WHOLE_NUMBER.test(text)) return Number(text);
  log.add(record.line, `type1_attendances_mar2026 "${text}" is not a whole number`);
  return undefined;
}

function checkSiteTrust(record: CsvRecord, acuteCodes: ReadonlySet<string>, log: ProblemLog): string | null {
  const trustCode = field(record, 'trust_code');
  if (acuteCodes.has(trustCode)) return trustCode;
  log.add(record.line, `trust_code "${trustCode}" is not an acute trust in ${FILES.acuteTrusts}`);
  return null;
}

function checkCoordinate(
  record: CsvRecord,
  column: 'lat' | 'lon',
  min: number,
  max: number,
  log: ProblemLog,
): number | null {
  const text = field(record, column);
  if (!DECIMAL.test(text)) {
    log.add(record.line, `${column} "${text}" is not a decimal number`);
    return null;
  }
  const value = Number(text);
  if (value >= min && value <= max) return value;
  log.add(record.line, `${column} ${value} is outside the UK (${min} to ${max})`);
  return null;
}

// ---------------------------------------------------------------------------------------------------
// The model

function byName<T extends { name: string; code: string }>(a: T, b: T): number {
  return a.name.localeCompare(b.name, 'en-GB') || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

function sortedFrozen<T extends { name: string; code: string }>(items: readonly T[]): readonly T[] {
  return Object.freeze(items.map((item) => Object.freeze({ ...item })).sort(byName));
}

function indexBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T> {
  return new Map(items.map((item) => [key(item), item]));
}

/** Groups items (already sorted) by key, keeping their order. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, readonly T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  for (const group of groups.values()) Object.freeze(group);
  return groups;
}

const NONE: readonly never[] = Object.freeze([]);

function buildOrganisations(
  ambulance: readonly AmbulanceTrust[],
  acute: readonly AcuteTrust[],
  siteList: readonly Site[],
): Organisations {
  const regions = sortedFrozen<Region>(REGIONS);
  const ambulanceTrusts = sortedFrozen(ambulance);
  const acuteTrusts = sortedFrozen(acute);
  const sites = sortedFrozen(siteList);

  const regionByCode = indexBy(regions, (region) => region.code);
  const ambulanceByCode = indexBy(ambulanceTrusts, (trust) => trust.code);
  const acuteByCode = indexBy(acuteTrusts, (trust) => trust.code);
  const siteByCode = indexBy(sites, (site) => site.code);
  const sitesByTrust = groupBy(sites, (site) => site.trustCode);
  const acuteByRegion = groupBy(acuteTrusts, (trust) => trust.regionCode);
  const ambulanceByRegion = groupBy(ambulanceTrusts, (trust) => trust.regionCode);

  return Object.freeze({
    regions,
    ambulanceTrusts,
    acuteTrusts,
    sites,
    region: (code: string) => regionByCode.get(code),
    ambulanceTrust: (code: string) => ambulanceByCode.get(code),
    acuteTrust: (code: string) => acuteByCode.get(code),
    site: (code: string) => siteByCode.get(code),
    sitesOfTrust: (trustCode: string) => sitesByTrust.get(trustCode) ?? NONE,
    trustsOfRegion: (regionCode: string) => acuteByRegion.get(regionCode) ?? NONE,
    ambulanceTrustsOfRegion: (regionCode: string) => ambulanceByRegion.get(regionCode) ?? NONE,
  });
}

// ---------------------------------------------------------------------------------------------------
// Display names

const LOWER_CASE_WORDS = new Set(['AND', 'OF', 'THE', 'FOR', 'IN', 'ON', 'AT', 'UPON']);
const ACRONYMS = new Set(['NHS', 'HQ', 'UCLH', 'ENT', 'GP']);

/**
 * Title-cases an ODS name written in capitals for display: 'KING'S COLLEGE HOSPITAL NHS FOUNDATION
 * TRUST' -> 'King's College Hospital NHS Foundation Trust', 'ISLE OF WIGHT' -> 'Isle of Wight'. Keeps
 * known acronyms (NHS, HQ, ...) in capitals, puts and/of/the/upon (and a few more) in lower case unless
 * first, and leaves '&', punctuation and hyphenated parts ('STOKE-ON-TRENT' -> 'Stoke-on-Trent') sensible.
 * A name that already has lower-case letters was written by a person and is returned as given.
 */
export function displayName(odsName: string): string {
  if (odsName !== odsName.toUpperCase()) return odsName;
  let isFirstWord = true;
  // Words are runs of letters and apostrophes; everything else (spaces, '&', '(', '-', ',') is kept.
  return odsName.replace(/[\p{L}'’]+/gu, (word) => {
    const styled = styleWord(word, isFirstWord);
    isFirstWord = false;
    return styled;
  });
}

function styleWord(word: string, isFirstWord: boolean): string {
  if (ACRONYMS.has(word)) return word;
  if (!isFirstWord && LOWER_CASE_WORDS.has(word)) return word.toLowerCase();
  return word.charAt(0) + word.slice(1).toLowerCase();
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  displayName,
  loadOrganisations,
  OrganisationDataError,
  type OrganisationTexts,
  REGIONS,
} from './organisations';

// The domain package does no I/O; only this test reads the shipped reference files.
const referenceText = (file: string): string =>
  readFileSync(new URL(`../reference/${file}`, import.meta.url), 'utf8');

const realTexts: OrganisationTexts = {
  acuteTrusts: referenceText('acute_trusts.csv'),
  ambulanceTrusts: referenceText('ambulance_trusts.csv'),
  sites: referenceText('sites.csv'),
};

const AMBULANCE_HEADER = 'code,name,region';
const ACUTE_HEADER = 'code,name,region,type1_attendances_mar2026,note';
const SITES_HEADER = 'site_code,site_name,trust_code,postcode,lat,lon,position_quality,type1_ed_basis';

/** A small valid data set; each test breaks one thing. */
function fixture(overrides: Partial<OrganisationTexts> = {}): OrganisationTexts {
  return {
    ambulanceTrusts: [AMBULANCE_HEADER, 'RX6,NORTH EAST AMBULANCE SERVICE,North East and Yorkshire'].join(
      '\n',
    ),
    acuteTrusts: [
      ACUTE_HEADER,
      'RRK,UNIVERSITY HOSPITALS BIRMINGHAM,Midlands,34602,',
      'R0B,SOUTH TYNESIDE AND SUNDERLAND,North East and Yorkshire,,"a note, quoted"',
    ].join('\n'),
    sites: [
      SITES_HEADER,
      'RRK97,HEARTLANDS HOSPITAL,RRK,B9 5SS,52.480221,-1.829951,q,judgement',
      'RRK15,Queen Elizabeth Hospital Birmingham,RRK,B15 2WB,52.450150,-1.941762,q,judgement',
      'R0B01,SUNDERLAND ROYAL HOSPITAL,R0B,SR4 7TP,54.9,-1.41,q,judgement',
    ].join('\n'),
    ...overrides,
  };
}

/** The problems loadOrganisations reports for the texts (fails the test if it loads). */
function problemsOf(texts: OrganisationTexts): readonly string[] {
  try {
    loadOrganisations(texts);
  } catch (error) {
    if (error instanceof OrganisationDataError) return error.problems;
    throw error;
  }
  throw new Error('expected loadOrganisations to reject the data');
}

describe('loadOrganisations with the real reference files', () => {
  const organisations = loadOrganisations(realTexts);

  it('has the 7 regions, 11 ambulance trusts, 121 acute trusts and 175 sites', () => {
    expect(organisations.regions).toHaveLength(7);
    expect(organisations.ambulanceTrusts).toHaveLength(11);
    expect(organisations.acuteTrusts).toHaveLength(121);
    expect(organisations.sites).toHaveLength(175);
  });

  it("gives every site an acute trust and that trust's region", () => {
    for (const site of organisations.sites) {
      const trust = organisations.acuteTrust(site.trustCode);
      expect(trust, site.code).toBeDefined();
      expect(site.regionCode).toBe(trust?.regionCode);
    }
  });

  it('gives every acute trust at least one site', () => {
    for (const trust of organisations.acuteTrusts) {
      expect(organisations.sitesOfTrust(trust.code).length, trust.code).toBeGreaterThan(0);
    }
  });

  it('looks up organisations by code', () => {
    expect(organisations.acuteTrust('RRK')).toEqual({
      code: 'RRK',
      name: 'UNIVERSITY HOSPITALS BIRMINGHAM NHS FOUNDATION TRUST',
      regionCode: 'Y60',
      type1AttendancesMar2026: 34602,
    });
    expect(organisations.ambulanceTrust('RX6')).toEqual({
      code: 'RX6',
      name: 'NORTH EAST AMBULANCE SERVICE NHS FOUNDATION TRUST',
      regionCode: 'Y63',
    });
    expect(organisations.site('RRK97')).toEqual({
      code: 'RRK97',
      name: 'HEARTLANDS HOSPITAL',
      trustCode: 'RRK',
      regionCode: 'Y60',
      postcode: 'B9 5SS',
      lat: 52.480221,
      lon: -1.829951,
    });
    expect(organisations.region('Y56')).toEqual({ code: 'Y56', name: 'London' });
  });

  it('returns undefined for unknown codes and empty lists for unknown parents', () => {
    expect(organisations.acuteTrust('ZZZ')).toBeUndefined();
    expect(organisations.ambulanceTrust('RRK')).toBeUndefined();
    expect(organisations.site('RRK')).toBeUndefined();
    expect(organisations.region('London')).toBeUndefined();
    expect(organisations.sitesOfTrust('ZZZ')).toEqual([]);
    expect(organisations.trustsOfRegion('Y00')).toEqual([]);
    expect(organisations.ambulanceTrustsOfRegion('Y00')).toEqual([]);
  });

  it('keeps the Isle of Wight as both an ambulance trust and an acute trust', () => {
    expect(organisations.ambulanceTrust('R1F')?.regionCode).toBe('Y59');
    expect(organisations.acuteTrust('R1F')?.regionCode).toBe('Y59');
  });

  it('keeps a quoted ODS name with commas intact', () => {
    expect(organisations.acuteTrust('RCX')?.name).toBe(
      "THE QUEEN ELIZABETH HOSPITAL, KING'S LYNN, NHS FOUNDATION TRUST",
    );
  });

  it('lists the sites of a trust and the trusts of a region', () => {
    expect(organisations.sitesOfTrust('RRK').map((site) => site.code)).toEqual(['RRK98', 'RRK97', 'RRK15']);
    expect(organisations.ambulanceTrustsOfRegion('Y59').map((trust) => trust.code)).toEqual([
      'R1F',
      'RYE',
      'RYD',
    ]);
    const regionTotal = REGIONS.reduce(
      (sum, region) => sum + organisations.trustsOfRegion(region.code).length,
      0,
    );
    expect(regionTotal).toBe(121);
  });

  it('sorts every list by name', () => {
    const lists = [
      organisations.regions,
      organisations.ambulanceTrusts,
      organisations.acuteTrusts,
      organisations.sites,
    ];
    for (const list of lists) {
      const names = list.map((item) => item.name);
      expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en-GB')));
    }
    expect(organisations.regions[0]?.name).toBe('East of England');
  });

  it('is immutable', () => {
    expect(Object.isFrozen(organisations.sites)).toBe(true);
    expect(Object.isFrozen(organisations.sites[0])).toBe(true);
    expect(Object.isFrozen(organisations.sitesOfTrust('RRK'))).toBe(true);
  });
});

describe('loadOrganisations with small fixtures', () => {
  it('loads valid data: null attendances, mixed-case names, extra columns, CRLF, ties broken by code', () => {
    const organisations = loadOrganisations(
      fixture({
        ambulanceTrusts: `${AMBULANCE_HEADER}\r\nRX8,SAME,North East and Yorkshire\r\nRX6,SAME,North West\r\n`,
      }),
    );
    expect(organisations.acuteTrust('R0B')?.type1AttendancesMar2026).toBeNull();
    expect(organisations.site('RRK15')?.name).toBe('Queen Elizabeth Hospital Birmingham');
    expect(organisations.ambulanceTrusts.map((trust) => trust.code)).toEqual(['RX6', 'RX8']);
    expect(organisations.trustsOfRegion('Y63').map((trust) => trust.code)).toEqual(['R0B']);
  });

  it('matches region names ignoring case and surrounding spaces', () => {
    const organisations = loadOrganisations(
      fixture({ ambulanceTrusts: `${AMBULANCE_HEADER}\nRX6,X, north east AND yorkshire \n` }),
    );
    expect(organisations.ambulanceTrust('RX6')?.regionCode).toBe('Y63');
  });

  it('reports an unknown region name', () => {
    expect(problemsOf(fixture({ ambulanceTrusts: `${AMBULANCE_HEADER}\nRX6,X,Yorkshire\n` }))).toEqual([
      expect.stringMatching(/^ambulance_trusts\.csv line 2: unknown region "Yorkshire"/),
    ]);
  });

  it('reports duplicate codes with both lines', () => {
    const acute = `${ACUTE_HEADER}\nRRK,A,Midlands,1,\nR0B,B,Midlands,1,\nRRK,C,Midlands,2,\n`;
    expect(problemsOf(fixture({ acuteTrusts: acute }))).toEqual([
      'acute_trusts.csv line 4: duplicate acute trust code "RRK" (first on line 2)',
    ]);
    const sites = `${SITES_HEADER}\nRRK97,A,RRK,P,52,-1,q,j\nRRK97,B,RRK,P,52,-1,q,j\n`;
    expect(problemsOf(fixture({ sites }))).toEqual([
      'sites.csv line 3: duplicate site code "RRK97" (first on line 2)',
    ]);
    const ambulance = `${AMBULANCE_HEADER}\nRX6,A,London\nRX6,B,London\n`;
    expect(problemsOf(fixture({ ambulanceTrusts: ambulance }))).toEqual([
      'ambulance_trusts.csv line 3: duplicate ambulance trust code "RX6" (first on line 2)',
    ]);
  });

  it('reports a site whose trust is not an acute trust (an ambulance trust is not enough)', () => {
    const sites = `${SITES_HEADER}\nRX601,A,RX6,P,52,-1,q,j\n`;
    expect(problemsOf(fixture({ sites }))).toEqual([
      'sites.csv line 2: trust_code "RX6" is not an acute trust in acute_trusts.csv',
    ]);
  });

  it('reports malformed trust and site codes', () => {
    const acute = `${ACUTE_HEADER}\nRRK,A,Midlands,1,\nR0B,B,Midlands,1,\nRR,C,Midlands,1,\nrrx,D,Midlands,1,\n`;
    const sites = `${SITES_HEADER}\nRRK9,A,RRK,P,52,-1,q,j\nRRK-97,B,RRK,P,52,-1,q,j\n`;
    expect(problemsOf(fixture({ acuteTrusts: acute, sites }))).toEqual([
      'acute_trusts.csv line 4: trust code "RR" is not 3 capital letters or digits',
      'acute_trusts.csv line 5: trust code "rrx" is not 3 capital letters or digits',
      'sites.csv line 2: site code "RRK9" is not 5 capital letters or digits',
      'sites.csv line 3: site code "RRK-97" is not 5 capital letters or digits',
    ]);
  });

  it('reports positions that are not numbers or are outside the UK', () => {
    const sites = [
      SITES_HEADER,
      'RRK01,A,RRK,P,,-1,q,j',
      'RRK02,B,RRK,P,52,west,q,j',
      'RRK03,C,RRK,P,-52.5,-1.8,q,j',
      'RRK04,D,RRK,P,52.5,18,q,j',
    ].join('\n');
    expect(problemsOf(fixture({ sites }))).toEqual([
      'sites.csv line 2: lat "" is not a decimal number',
      'sites.csv line 3: lon "west" is not a decimal number',
      'sites.csv line 4: lat -52.5 is outside the UK (49.8 to 61)',
      'sites.csv line 5: lon 18 is outside the UK (-8.7 to 1.9)',
    ]);
  });

  it('reports empty names and bad attendance counts', () => {
    const acute = `${ACUTE_HEADER}\nRRK,,Midlands,1,\nR0B,B,Midlands,12.5,\n`;
    expect(problemsOf(fixture({ acuteTrusts: acute }))).toEqual([
      'acute_trusts.csv line 2: name is empty',
      'acute_trusts.csv line 3: type1_attendances_mar2026 "12.5" is not a whole number',
    ]);
  });

  it('reports missing columns and damaged CSV without stopping at the first file', () => {
    const problems = problemsOf({
      ambulanceTrusts: 'code,name\nRX6,X\n',
      acuteTrusts: `${ACUTE_HEADER}\nRRK,A,Midlands\n`,
      sites: `${SITES_HEADER}\nRRK97,"unclosed\n`,
    });
    expect(problems).toEqual([
      'ambulance_trusts.csv: missing column(s) region',
      'acute_trusts.csv: CSV line 2: 3 fields but the header has 5',
      'sites.csv: CSV line 2: quoted field is never closed',
    ]);
  });

  it('reports an empty file as missing its columns', () => {
    expect(problemsOf(fixture({ ambulanceTrusts: '' }))).toEqual([
      'ambulance_trusts.csv: missing column(s) code, name, region',
    ]);
  });

  it('reports every problem at once, in one error message', () => {
    const texts = fixture({
      ambulanceTrusts: `${AMBULANCE_HEADER}\nRX6,X,Atlantis\nRX6,Y,London\n`,
      sites: `${SITES_HEADER}\nRRK97,A,RRK,P,52,-1,q,j\nBAD,B,ZZZ,P,x,0,q,j\n`,
    });
    expect(() => loadOrganisations(texts)).toThrow(OrganisationDataError);
    expect(() => loadOrganisations(texts)).toThrow(/has 5 problem\(s\)/);
    expect(problemsOf(texts)).toEqual([
      'ambulance_trusts.csv line 3: duplicate ambulance trust code "RX6" (first on line 2)',
      expect.stringContaining('ambulance_trusts.csv line 2: unknown region "Atlantis"'),
      'sites.csv line 3: site code "BAD" is not 5 capital letters or digits',
      'sites.csv line 3: trust_code "ZZZ" is not an acute trust in acute_trusts.csv',
      'sites.csv line 3: lat "x" is not a decimal number',
    ]);
  });

  it('does not blame a site for its trust having a problem of its own', () => {
    const acute = `${ACUTE_HEADER}\nRRK,A,Nowhere,1,\nR0B,B,Midlands,1,\n`;
    expect(problemsOf(fixture({ acuteTrusts: acute }))).toEqual([
      expect.stringContaining('acute_trusts.csv line 2: unknown region "Nowhere"'),
    ]);
  });
});

describe('displayName', () => {
  it.each([
    [
      'UNIVERSITY HOSPITALS BIRMINGHAM NHS FOUNDATION TRUST',
      'University Hospitals Birmingham NHS Foundation Trust',
    ],
    ['ISLE OF WIGHT NHS TRUST', 'Isle of Wight NHS Trust'],
    [
      'SOUTH TYNESIDE AND SUNDERLAND NHS FOUNDATION TRUST',
      'South Tyneside and Sunderland NHS Foundation Trust',
    ],
    [
      "THE QUEEN ELIZABETH HOSPITAL, KING'S LYNN, NHS FOUNDATION TRUST",
      "The Queen Elizabeth Hospital, King's Lynn, NHS Foundation Trust",
    ],
    ["GUY'S AND ST THOMAS' NHS FOUNDATION TRUST", "Guy's and St Thomas' NHS Foundation Trust"],
    ['BIRMINGHAM WOMEN’S AND CHILDREN’S', 'Birmingham Women’s and Children’s'],
    ['LUTON & DUNSTABLE HOSPITAL', 'Luton & Dunstable Hospital'],
    ["KING'S COLLEGE HOSPITAL (DENMARK HILL)", "King's College Hospital (Denmark Hill)"],
    ['AMBULANCE HQ', 'Ambulance HQ'],
    ['UNIVERSITY HOSPITALS OF NORTH MIDLANDS', 'University Hospitals of North Midlands'],
    ['ROYAL STOKE-ON-TRENT HOSPITAL', 'Royal Stoke-on-Trent Hospital'],
    ['BURTON UPON TRENT', 'Burton upon Trent'],
    ['THE ROYAL WOLVERHAMPTON', 'The Royal Wolverhampton'],
  ])('%s -> %s', (ods, display) => {
    expect(displayName(ods)).toBe(display);
  });

  it('returns a name that already has lower-case letters as given', () => {
    expect(displayName('Queen Elizabeth Hospital Birmingham')).toBe('Queen Elizabeth Hospital Birmingham');
    expect(displayName('Mid Essex Hospital')).toBe('Mid Essex Hospital');
  });

  it('keeps every real reference name readable: NHS stays in capitals', () => {
    const organisations = loadOrganisations(realTexts);
    for (const trust of organisations.acuteTrusts) {
      expect(displayName(trust.name)).toMatch(/ NHS /);
      expect(displayName(trust.name)).not.toMatch(/\b[A-Z]{2,}\b(?<!\bNHS)/);
    }
  });
});

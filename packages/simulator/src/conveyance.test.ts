import { CALLSIGN_PATTERN } from '@handover/domain';
import { describe, expect, it } from 'vitest';
import { callsignFor, conveyorsOf, pickAmbulanceTrust, pickCategory } from './conveyance';
import { Random } from './random';
import { referenceData } from './test-support/reference';

const CALLSIGN = new RegExp(CALLSIGN_PATTERN);

describe('conveyorsOf', () => {
  const { organisations } = referenceData();
  const conveyorsAt = (siteCode: string) => {
    const site = organisations.site(siteCode);
    if (site === undefined) throw new Error(`no site ${siteCode}`);
    return conveyorsOf(site, organisations.ambulanceTrusts);
  };
  const homeOf = (siteCode: string): string => conveyorsAt(siteCode).home;

  it('gives every site a home ambulance trust from its own region, bar the known exceptions', () => {
    const exceptions = new Set(['RNN', 'RJL', 'RD8', 'RP5BA']);
    for (const site of organisations.sites) {
      const home = organisations.ambulanceTrust(homeOf(site.code));
      expect(home).toBeDefined();
      if (!exceptions.has(site.trustCode) && !exceptions.has(site.code))
        expect(home?.regionCode).toBe(site.regionCode);
    }
  });

  it('splits regions served by two ambulance trusts along their boundary', () => {
    expect(homeOf('RHM01')).toBe('RYE'); // Southampton: South Central
    expect(homeOf('RPA02')).toBe('RYD'); // Medway: South East Coast
    expect(homeOf('RWEAA')).toBe('RX9'); // Leicester: East Midlands
    expect(homeOf('RKB01')).toBe('RYA'); // Coventry: West Midlands
    expect(homeOf('RTGFG')).toBe('RX9'); // Derby: East Midlands
    expect(homeOf('RTG02')).toBe('RYA'); // Burton: West Midlands
    expect(homeOf('RTRAT')).toBe('RX6'); // Middlesbrough: North East
    expect(homeOf('RR801')).toBe('RX8'); // Leeds: Yorkshire
    expect(homeOf('RNN62')).toBe('RX7'); // Carlisle: North West
    expect(homeOf('R1F01')).toBe('R1F'); // Isle of Wight
    expect(homeOf('RRK15')).toBe('RYA');
  });

  it('sends about 4% of vehicles from a neighbouring trust, and none to or from the island', () => {
    const random = new Random(5);
    const leeds = conveyorsAt('RR801');
    const picks = Array.from({ length: 20_000 }, () => pickAmbulanceTrust(random, leeds));
    const crossBorder = picks.filter((code) => code !== 'RX8').length / picks.length;
    expect(crossBorder).toBeGreaterThan(0.03);
    expect(crossBorder).toBeLessThan(0.05);
    expect(new Set(picks).size).toBeGreaterThan(2);
    expect(picks).not.toContain('R1F');
    const island = conveyorsAt('R1F01');
    expect(island.neighbours).toEqual([]);
  });
});

describe('callsignFor and pickCategory', () => {
  it('makes callsigns like "RX6 1234" that the wire accepts', () => {
    const random = new Random(1);
    for (let i = 0; i < 1000; i += 1) {
      const callsign = callsignFor(random, 'RX6');
      expect(callsign).toMatch(/^RX6 \d{4}$/);
      expect(callsign).toMatch(CALLSIGN);
    }
  });

  it('weights categories toward 2 and sometimes sends none', () => {
    const random = new Random(2);
    const picks = Array.from({ length: 20_000 }, () => pickCategory(random));
    const share = (value: number | undefined) => picks.filter((pick) => pick === value).length / picks.length;
    expect(share(2)).toBeGreaterThan(0.5);
    expect(share(2)).toBeGreaterThan(share(3));
    expect(share(3)).toBeGreaterThan(share(1));
    expect(share(undefined)).toBeGreaterThan(0.01);
    expect(share(undefined)).toBeLessThan(0.05);
  });
});

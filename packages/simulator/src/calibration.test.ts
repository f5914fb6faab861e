import type { AcuteTrust } from '@handover/domain';
import { describe, expect, it } from 'vitest';
import { calibrateTraffic, trustCalibration } from './calibration';
import { referenceData } from './test-support/reference';

describe('calibrateTraffic on the reference data', () => {
  const { organisations, calibration } = referenceData();

  it('computes the national winter figures from the monthly totals (January to March 2026)', () => {
    // These are the figures the national calibration test compares a simulated day against.
    expect(calibration.national.dailyHandovers).toBeCloseTo(13_503, 0);
    expect(calibration.national.within15).toBeCloseTo(0.345, 3);
    expect(calibration.national.over30).toBeCloseTo(0.274, 3);
    expect(calibration.national.over60).toBeCloseTo(0.085, 3);
    expect(calibration.national.unknownShare).toBeCloseTo(0.028, 3);
  });

  it('calibrates every acute trust that has sites', () => {
    for (const site of organisations.sites) expect(calibration.trusts.has(site.trustCode)).toBe(true);
  });

  it('takes the daily figures where published, with their real mean', () => {
    const birmingham = calibration.trusts.get('RRK');
    expect(birmingham?.basis).toBe('daily');
    expect(birmingham?.dailyHandovers).toBeCloseTo(315.0, 0);
    expect(birmingham?.targets.meanMinutes).toBeCloseTo(69.2, 1);
    expect(birmingham?.targets.over45).toBeCloseTo(0.298, 3);
    expect(birmingham?.duration.meanMinutes).toBeCloseTo(69.2, 0);
  });

  it('takes the monthly figures otherwise (a month of January to March 2026 is 30 days)', () => {
    const newcastle = calibration.trusts.get('RTD');
    expect(newcastle?.basis).toBe('monthly');
    expect(newcastle?.dailyHandovers).toBeCloseTo(3746.33 / 30, 1);
    expect(newcastle?.unknownShare).toBeCloseTo((3746.33 - 2814.33) / 3746.33, 3);
    expect(newcastle?.targets.meanMinutes).toBeUndefined();
  });

  it('sizes a trust without handover figures by its type-1 attendances (Isle of Wight)', () => {
    const wight = calibration.trusts.get('R1F');
    expect(wight?.basis).toBe('attendances');
    // 4,228 attendances in March at the national median of about 0.27 handovers per attendance.
    expect(wight?.dailyHandovers).toBeGreaterThan(25);
    expect(wight?.dailyHandovers).toBeLessThan(50);
  });

  it('falls back to the national median trust for an unknown trust', () => {
    const unknown = trustCalibration(calibration, 'ZZZ');
    expect(unknown.trustCode).toBe('ZZZ');
    expect(unknown.basis).toBe('typical');
    expect(unknown.dailyHandovers).toBeGreaterThan(60);
    expect(unknown.dailyHandovers).toBeLessThan(140);
  });

  it('reads weekday factors from the daily figures: Monday busiest, weekends quietest, averaging 1', () => {
    const factors = calibration.weekdayFactors;
    expect(factors).toHaveLength(7);
    expect(factors.reduce((sum, factor) => sum + factor, 0) / 7).toBeCloseTo(1, 9);
    const [sunday = 0, monday = 0, , , , , saturday = 0] = factors;
    expect(monday).toBe(Math.max(...factors));
    expect(Math.max(sunday, saturday)).toBeLessThan(Math.min(...factors.slice(1, 6)));
  });
});

describe('calibrateTraffic on small inputs', () => {
  const daily = [
    'Region,Trust code,Trust name,Date,Handover time known,Over 15 minutes,Over 30 minutes,Over 45 minutes,Over 60 minutes,Handover time unknown,All handovers,Total hours,Mean,derived_mean_minutes',
    'London,AAA,A,2026-01-12,100,50,20,10,5,0,100,40,0:24:00,24',
    'London,AAA,A,2026-01-13,,,,,,,,,,',
    'London,AAA,A,2026-01-14,100,50,20,10,5,0,100,40,0:24:00,24',
  ].join('\n');
  const monthly = [
    'trust_code,trust_name,in_acute_trusts_csv,mar2026_handovers_total,mar2026_handovers_known,mar2026_over15_count,mar2026_over30_count,mar2026_over60_count,jan_mar2026_monthly_mean_handovers_total,jan_mar2026_monthly_mean_handovers_known,jan_mar2026_monthly_mean_over15_count,jan_mar2026_monthly_mean_over30_count,jan_mar2026_monthly_mean_over60_count',
    'AAA,A,yes,3000,3000,1500,600,150,3000,3000,1500,600,150',
    'BBB,B,yes,1550,1500,600,150,15,1500,1500,600,150,15',
  ].join('\n');
  const trust = (code: string, attendances: number | null): AcuteTrust => ({
    code,
    name: code,
    regionCode: 'Y56',
    type1AttendancesMar2026: attendances,
  });

  it('skips days with blank figures and prefers daily over monthly figures', () => {
    const calibration = calibrateTraffic({ handoverDaily: daily, handoverMonthlyByTrust: monthly }, [
      trust('AAA', 5000),
      trust('BBB', 6200),
      trust('CCC', 3100),
      trust('DDD', null),
    ]);
    expect(calibration.trusts.get('AAA')).toMatchObject({ basis: 'daily', dailyHandovers: 100 });
    expect(calibration.trusts.get('AAA')?.targets).toMatchObject({
      over15: 0.5,
      over45: 0.1,
      meanMinutes: 24,
    });
    expect(calibration.trusts.get('BBB')).toMatchObject({ basis: 'monthly', dailyHandovers: 50 });
    // Median of 3000/5000 and 1550/6200 handovers per attendance is 0.425; 3100 x 0.425 / 31 days.
    expect(calibration.trusts.get('CCC')?.dailyHandovers).toBeCloseTo(42.5, 6);
    expect(calibration.trusts.has('DDD')).toBe(false);
  });
});

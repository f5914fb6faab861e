import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('report configuration', () => {
  it('defaults to the 16:00 cut-off, 24-hour periods and hourly revision checks', () => {
    expect(loadConfig({})).toMatchObject({
      reportCutoff: '16:00',
      reportPeriodHours: 24,
      reportRevisionMinutes: 60,
    });
  });

  it('reads REPORT_CUTOFF, REPORT_PERIOD_HOURS and REPORT_REVISION_MINUTES', () => {
    const config = loadConfig({
      REPORT_CUTOFF: '09:30',
      REPORT_PERIOD_HOURS: '12',
      REPORT_REVISION_MINUTES: '15',
    });
    expect(config).toMatchObject({ reportCutoff: '09:30', reportPeriodHours: 12, reportRevisionMinutes: 15 });
  });

  it('refuses a cut-off that is not a time of day, and a period out of range', () => {
    expect(() => loadConfig({ REPORT_CUTOFF: '4pm' })).toThrow(ConfigError);
    expect(() => loadConfig({ REPORT_CUTOFF: '24:00' })).toThrow(/REPORT_CUTOFF must be a time of day/);
    expect(() => loadConfig({ REPORT_PERIOD_HOURS: '0' })).toThrow(/REPORT_PERIOD_HOURS/);
  });
});

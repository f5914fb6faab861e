import { describe, expect, it } from 'vitest';
import { describeUnknownCodes } from './scope-description';

describe('describeUnknownCodes', () => {
  it('says which codes are not known, and of what kind', () => {
    expect(describeUnknownCodes({ kind: 'sites', codes: ['ZZZ99'] }, ['ZZZ99'])).toBe(
      'ZZZ99 is not a known site code.',
    );
    expect(describeUnknownCodes({ kind: 'sites', codes: ['ZZZ98', 'ZZZ99'] }, ['ZZZ98', 'ZZZ99'])).toBe(
      'ZZZ98 and ZZZ99 are not known site codes.',
    );
    expect(describeUnknownCodes({ kind: 'region', code: 'Y99' }, ['Y99'])).toBe(
      'Y99 is not a known region code.',
    );
    expect(describeUnknownCodes({ kind: 'ambulance_trust', code: 'ZZ9' }, ['ZZ9'])).toBe(
      'ZZ9 is not a known ambulance trust code.',
    );
  });
});

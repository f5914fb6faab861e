import type { Scope } from '@handover/protocol';
import { describe, expect, it } from 'vitest';
import { formatScope, isScope, parseScopeArgument } from './scope-text';

describe('parseScopeArgument', () => {
  it.each<{ text: string; scope: Scope }>([
    { text: 'england', scope: { kind: 'england' } },
    { text: 'England', scope: { kind: 'england' } },
    { text: 'region:Y60', scope: { kind: 'region', code: 'Y60' } },
    { text: 'region:y60', scope: { kind: 'region', code: 'Y60' } },
    { text: 'acute_trust:RRK', scope: { kind: 'acute_trust', code: 'RRK' } },
    { text: 'ambulance_trust:rya', scope: { kind: 'ambulance_trust', code: 'RYA' } },
    { text: 'sites:RRK15', scope: { kind: 'sites', codes: ['RRK15'] } },
    { text: 'sites:RRK15,RRK97', scope: { kind: 'sites', codes: ['RRK15', 'RRK97'] } },
    { text: ' sites:RRK15, RRK97,RRK15 ', scope: { kind: 'sites', codes: ['RRK15', 'RRK97'] } },
  ])('reads "$text"', ({ text, scope }) => {
    expect(parseScopeArgument(text)).toEqual(scope);
  });

  it.each<{ text: string; error: RegExp }>([
    { text: '', error: /Unknown scope ""/ },
    { text: 'nation', error: /Unknown scope "nation". Write one of: england, region:Y60/ },
    { text: 'england:ENG', error: /takes no code/ },
    { text: 'region', error: /needs a code after "region:"/ },
    { text: 'region:', error: /needs a code/ },
    { text: 'region:Midlands', error: /malformed code. A region code is Y and two digits/ },
    { text: 'acute_trust:RRK1', error: /malformed code. A trust code is 3 letters or digits/ },
    { text: 'ambulance_trust:R-A', error: /malformed code/ },
    { text: 'sites:RRK1', error: /malformed code. Site codes are 5 letters or digits/ },
    { text: 'sites:RRK15,,RRK97', error: /empty site code/ },
    {
      text: `sites:${Array.from({ length: 51 }, (_, i) => `S${String(i).padStart(4, '0')}`).join(',')}`,
      error: /at most 50/,
    },
  ])('refuses "$text"', ({ text, error }) => {
    expect(() => parseScopeArgument(text)).toThrow(error);
  });

  it('formats every scope so that it reads back the same', () => {
    const scopes: Scope[] = [
      { kind: 'england' },
      { kind: 'region', code: 'Y60' },
      { kind: 'acute_trust', code: 'RRK' },
      { kind: 'ambulance_trust', code: 'RYA' },
      { kind: 'sites', codes: ['RRK15', 'RRK97'] },
    ];
    for (const scope of scopes) expect(parseScopeArgument(formatScope(scope))).toEqual(scope);
    expect(formatScope({ kind: 'sites', codes: ['RRK15', 'RRK97'] })).toBe('sites:RRK15,RRK97');
  });
});

describe('isScope', () => {
  it('accepts exact scopes and refuses anything else', () => {
    expect(isScope({ kind: 'region', code: 'Y60' })).toBe(true);
    expect(isScope({ kind: 'region', code: 'Y60', extra: 1 })).toBe(false);
    expect(isScope({ kind: 'sites', codes: [] })).toBe(false);
    expect(isScope({ kind: 'planet' })).toBe(false);
    expect(isScope('england')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { matchPath } from './router';

describe('matchPath', () => {
  it('matches named segments and decodes them', () => {
    expect(matchPath('/board/:siteCode', '/board/RRK15')).toEqual({ siteCode: 'RRK15' });
    expect(matchPath('/board/:siteCode', '/board/RRK15/')).toEqual({ siteCode: 'RRK15' });
    expect(matchPath('/handovers/:id', '/handovers/a%20b')).toEqual({ id: 'a b' });
    expect(matchPath('/', '/')).toEqual({});
  });

  it('refuses other paths', () => {
    expect(matchPath('/board/:siteCode', '/board')).toBeNull();
    expect(matchPath('/board/:siteCode', '/entry/RRK15')).toBeNull();
    expect(matchPath('/board/:siteCode', '/board/RRK15/extra')).toBeNull();
    expect(matchPath('/x/:id', '/x/%E0%A4%A')).toBeNull();
  });
});

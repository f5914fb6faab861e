import type { CorrectableField, HandoverEvent } from '@handover/domain';
import { ROLES, type Role, type Scope, unknownScopeCodes } from '@handover/protocol';
import { describe, expect, it } from 'vitest';
import {
  canRecord,
  canView,
  type HandoverLocation,
  ROUTE_PERMISSIONS,
  roleMayCall,
  roleScopeProblem,
  scopeWithin,
} from './access-rules';
import type { Principal } from './principal';
import { referenceOrganisations } from './test-support/reference-organisations';

const orgs = referenceOrganisations();

// Real codes: RRK (University Hospitals Birmingham, Midlands) runs RRK15 and RRK97; RYA is West Midlands
// Ambulance Service, RX9 East Midlands Ambulance Service (both Midlands); R1H12 is the Royal London
// (Barts Health, London) and RRU London Ambulance Service.
const QE_BIRMINGHAM = 'RRK15';
const HEARTLANDS = 'RRK97';
const ROYAL_LONDON = 'R1H12';

function principal(label: string, role: Role, scope: Scope): Principal {
  return { credentialId: label, label, role, scope };
}

const PRINCIPALS = {
  'ed RRK15': principal('ed RRK15', 'ed', { kind: 'sites', codes: [QE_BIRMINGHAM] }),
  'crew RYA': principal('crew RYA', 'crew', { kind: 'ambulance_trust', code: 'RYA' }),
  'feed RYA': principal('feed RYA', 'feed', { kind: 'ambulance_trust', code: 'RYA' }),
  'feed england': principal('feed england', 'feed', { kind: 'england' }),
  'control RYA': principal('control RYA', 'control', { kind: 'ambulance_trust', code: 'RYA' }),
  'viewer Midlands': principal('viewer Midlands', 'viewer', { kind: 'region', code: 'Y60' }),
  'viewer england': principal('viewer england', 'viewer', { kind: 'england' }),
  admin: principal('admin', 'admin', { kind: 'england' }),
} as const;
type PrincipalName = keyof typeof PRINCIPALS;

const HANDOVERS = {
  'own site, RYA crew': { siteCode: QE_BIRMINGHAM, ambulanceTrustCode: 'RYA' },
  'own site, EMAS crew': { siteCode: QE_BIRMINGHAM, ambulanceTrustCode: 'RX9' },
  'other Midlands site, RYA crew': { siteCode: HEARTLANDS, ambulanceTrustCode: 'RYA' },
  'London site, RYA crew': { siteCode: ROYAL_LONDON, ambulanceTrustCode: 'RYA' },
  'London site, LAS crew': { siteCode: ROYAL_LONDON, ambulanceTrustCode: 'RRU' },
} as const satisfies Record<string, HandoverLocation>;
type HandoverName = keyof typeof HANDOVERS;

describe('canView: role x handover', () => {
  const T = true;
  const F = false;
  // Columns in the order of HANDOVERS.
  const expected: Record<PrincipalName, readonly boolean[]> = {
    'ed RRK15': [T, T, F, F, F],
    'crew RYA': [T, F, T, T, F],
    'feed RYA': [T, F, T, T, F],
    'feed england': [T, T, T, T, T],
    'control RYA': [T, F, T, T, F],
    'viewer Midlands': [T, T, T, F, F],
    'viewer england': [T, T, T, T, T],
    admin: [T, T, T, T, T],
  };
  const handoverNames = Object.keys(HANDOVERS) as HandoverName[];
  const cases = (Object.keys(expected) as PrincipalName[]).flatMap((who) =>
    handoverNames.map((where, column) => ({ who, where, allowed: expected[who][column] })),
  );

  it.each(cases)('$who viewing handover at $where -> $allowed', ({ who, where, allowed }) => {
    expect(canView(PRINCIPALS[who], HANDOVERS[where], orgs)).toBe(allowed);
  });

  it('an acute trust scope covers every site of the trust and no other', () => {
    const trustEd = principal('ed RRK', 'ed', { kind: 'acute_trust', code: 'RRK' });
    expect(canView(trustEd, HANDOVERS['other Midlands site, RYA crew'], orgs)).toBe(true);
    expect(canView(trustEd, HANDOVERS['London site, LAS crew'], orgs)).toBe(false);
  });

  it('a handover at an unknown site is seen only by england and its ambulance trust', () => {
    const unknownSite = { siteCode: 'ZZZ99', ambulanceTrustCode: 'RYA' };
    expect(canView(PRINCIPALS['viewer england'], unknownSite, orgs)).toBe(true);
    expect(canView(PRINCIPALS['crew RYA'], unknownSite, orgs)).toBe(true);
    expect(canView(PRINCIPALS['viewer Midlands'], unknownSite, orgs)).toBe(false);
  });
});

const AT = '2026-01-12T10:00:00Z';
const base = { eventId: '7b0e4a4e-6f1f-4c57-9a0e-2f8f5d7c1a01', handoverId: 'h-1', at: AT };

function eventsAt(handover: HandoverLocation) {
  const conveyance = { ...handover, callsign: 'WM123' };
  const corrected = (field: CorrectableField, value: string | number): HandoverEvent => ({
    ...base,
    type: 'corrected',
    field,
    value,
    reason: 'pressed late',
  });
  return {
    eta: { ...base, ...conveyance, type: 'eta', expectedAt: AT },
    arrived: { ...base, ...conveyance, type: 'arrived' },
    'handed_over by crew': { ...base, type: 'handed_over', by: 'crew' },
    'handed_over by ed': { ...base, type: 'handed_over', by: 'ed' },
    cleared: { ...base, type: 'cleared' },
    release_requested: { ...base, type: 'release_requested' },
    release_responded: { ...base, type: 'release_responded', outcome: 'released' },
    'corrected category': corrected('category', 2),
    'corrected crewHandedOverAt': corrected('crewHandedOverAt', AT),
    'corrected edHandedOverAt': corrected('edHandedOverAt', AT),
    cancelled: { ...base, type: 'cancelled', reason: 'duplicate' },
  } as const satisfies Record<string, HandoverEvent>;
}
type EventName = keyof ReturnType<typeof eventsAt>;

describe('canRecord: role x event at a handover every recording role covers (RRK15, RYA crew)', () => {
  const handover = HANDOVERS['own site, RYA crew'];
  const events = eventsAt(handover);
  const T = true;
  const F = false;
  // Columns: eta, arrived, handed_over crew, handed_over ed, cleared, release_requested,
  // release_responded, corrected category, corrected crew stamp, corrected ed stamp, cancelled.
  const expected: Record<PrincipalName, readonly boolean[]> = {
    'ed RRK15': [T, T, F, T, T, F, T, T, F, T, T],
    'crew RYA': [T, T, T, F, T, F, F, T, T, F, T],
    'feed RYA': [T, T, T, T, T, F, F, T, T, T, T],
    'feed england': [T, T, T, T, T, F, F, T, T, T, T],
    'control RYA': [F, F, F, F, F, T, F, F, F, F, F],
    'viewer Midlands': [F, F, F, F, F, F, F, F, F, F, F],
    'viewer england': [F, F, F, F, F, F, F, F, F, F, F],
    admin: [T, T, T, T, T, T, T, T, T, T, T],
  };
  const eventNames = Object.keys(events) as EventName[];
  const cases = (Object.keys(expected) as PrincipalName[]).flatMap((who) =>
    eventNames.map((what, column) => ({ who, what, allowed: expected[who][column] })),
  );

  it.each(cases)('$who recording $what -> $allowed', ({ who, what, allowed }) => {
    const decision = canRecord(PRINCIPALS[who], events[what], handover, orgs);
    expect(decision.ok).toBe(allowed);
    if (!decision.ok) expect(decision.message).not.toBe('');
  });
});

describe('canRecord: scope of the handover', () => {
  const cases: { who: PrincipalName; what: EventName; where: HandoverName; allowed: boolean }[] = [
    { who: 'ed RRK15', what: 'arrived', where: 'other Midlands site, RYA crew', allowed: false },
    { who: 'ed RRK15', what: 'handed_over by ed', where: 'own site, EMAS crew', allowed: true },
    { who: 'ed RRK15', what: 'release_responded', where: 'London site, LAS crew', allowed: false },
    { who: 'crew RYA', what: 'arrived', where: 'London site, RYA crew', allowed: true },
    { who: 'crew RYA', what: 'handed_over by crew', where: 'London site, RYA crew', allowed: true },
    { who: 'crew RYA', what: 'handed_over by crew', where: 'own site, EMAS crew', allowed: false },
    { who: 'crew RYA', what: 'eta', where: 'London site, LAS crew', allowed: false },
    { who: 'feed RYA', what: 'arrived', where: 'own site, EMAS crew', allowed: false },
    { who: 'feed RYA', what: 'handed_over by ed', where: 'London site, RYA crew', allowed: true },
    { who: 'feed england', what: 'arrived', where: 'London site, LAS crew', allowed: true },
    { who: 'feed england', what: 'cancelled', where: 'London site, LAS crew', allowed: true },
    { who: 'control RYA', what: 'release_requested', where: 'London site, RYA crew', allowed: true },
    { who: 'control RYA', what: 'release_requested', where: 'own site, EMAS crew', allowed: false },
    { who: 'admin', what: 'release_requested', where: 'London site, LAS crew', allowed: true },
  ];

  it.each(cases)('$who recording $what at $where -> $allowed', ({ who, what, where, allowed }) => {
    const handover = HANDOVERS[where];
    expect(canRecord(PRINCIPALS[who], eventsAt(handover)[what], handover, orgs).ok).toBe(allowed);
  });

  it('an ed scoped to its acute trust records at every site of the trust', () => {
    const trustEd = principal('ed RRK', 'ed', { kind: 'acute_trust', code: 'RRK' });
    const handover = HANDOVERS['other Midlands site, RYA crew'];
    expect(canRecord(trustEd, eventsAt(handover)['handed_over by ed'], handover, orgs).ok).toBe(true);
  });

  it('an arrival inside the scope cannot reach a handover that exists outside it', () => {
    const arrivalAtOwnSite = eventsAt(HANDOVERS['own site, RYA crew']).arrived;
    const existingElsewhere = HANDOVERS['London site, LAS crew'];
    const decision = canRecord(PRINCIPALS['ed RRK15'], arrivalAtOwnSite, existingElsewhere, orgs);
    expect(decision).toEqual({ ok: false, message: expect.stringContaining('R1H12') });
  });

  it('an arrival opening a handover outside the scope is refused even with no handover yet', () => {
    const arrivalElsewhere = eventsAt(HANDOVERS['London site, LAS crew']).arrived;
    expect(canRecord(PRINCIPALS['crew RYA'], arrivalElsewhere, undefined, orgs).ok).toBe(false);
  });

  it('an event for a handover that does not exist is judged by role alone (the domain reports it missing)', () => {
    const handedOver = eventsAt(HANDOVERS['own site, RYA crew'])['handed_over by crew'];
    expect(canRecord(PRINCIPALS['crew RYA'], handedOver, undefined, orgs).ok).toBe(true);
    expect(canRecord(PRINCIPALS['viewer england'], handedOver, undefined, orgs).ok).toBe(false);
  });

  it('explains a refusal', () => {
    const handover = HANDOVERS['own site, RYA crew'];
    expect(
      canRecord(PRINCIPALS['ed RRK15'], eventsAt(handover)['handed_over by crew'], handover, orgs),
    ).toEqual({
      ok: false,
      message: "An ed credential records the ed's handover stamp (by: 'ed'), not the crew's.",
    });
  });
});

describe('scopeWithin', () => {
  const england: Scope = { kind: 'england' };
  const midlands: Scope = { kind: 'region', code: 'Y60' };
  const london: Scope = { kind: 'region', code: 'Y56' };
  const rrk: Scope = { kind: 'acute_trust', code: 'RRK' };
  const barts: Scope = { kind: 'acute_trust', code: 'R1H' };
  const rya: Scope = { kind: 'ambulance_trust', code: 'RYA' };
  const las: Scope = { kind: 'ambulance_trust', code: 'RRU' };
  const sites = (...codes: string[]): Scope => ({ kind: 'sites', codes });

  const cases: { requested: Scope; granted: Scope; allowed: boolean }[] = [
    { requested: england, granted: england, allowed: true },
    { requested: midlands, granted: england, allowed: true },
    { requested: las, granted: england, allowed: true },
    { requested: sites(ROYAL_LONDON), granted: england, allowed: true },
    { requested: england, granted: midlands, allowed: false },
    { requested: midlands, granted: midlands, allowed: true },
    { requested: london, granted: midlands, allowed: false },
    { requested: rrk, granted: midlands, allowed: true },
    { requested: barts, granted: midlands, allowed: false },
    { requested: sites(QE_BIRMINGHAM, HEARTLANDS), granted: midlands, allowed: true },
    { requested: sites(QE_BIRMINGHAM, ROYAL_LONDON), granted: midlands, allowed: false },
    { requested: sites('ZZZ99'), granted: midlands, allowed: false },
    { requested: rya, granted: midlands, allowed: true },
    { requested: las, granted: midlands, allowed: false },
    { requested: rrk, granted: rrk, allowed: true },
    { requested: barts, granted: rrk, allowed: false },
    { requested: sites(QE_BIRMINGHAM, HEARTLANDS, 'RRK98'), granted: rrk, allowed: true },
    { requested: sites(QE_BIRMINGHAM, ROYAL_LONDON), granted: rrk, allowed: false },
    { requested: midlands, granted: rrk, allowed: false },
    { requested: sites(QE_BIRMINGHAM), granted: sites(QE_BIRMINGHAM, HEARTLANDS), allowed: true },
    { requested: sites(QE_BIRMINGHAM, HEARTLANDS), granted: sites(QE_BIRMINGHAM, HEARTLANDS), allowed: true },
    { requested: sites(QE_BIRMINGHAM, 'RRK98'), granted: sites(QE_BIRMINGHAM, HEARTLANDS), allowed: false },
    { requested: rrk, granted: sites(QE_BIRMINGHAM, HEARTLANDS, 'RRK98'), allowed: false },
    { requested: rya, granted: rya, allowed: true },
    { requested: las, granted: rya, allowed: false },
    { requested: sites(QE_BIRMINGHAM), granted: rya, allowed: false },
    { requested: midlands, granted: rya, allowed: false },
  ];

  it.each(cases)(
    '$requested.kind $requested.code$requested.codes within $granted.kind $granted.code$granted.codes -> $allowed',
    ({ requested, granted, allowed }) => {
      expect(scopeWithin(requested, granted, orgs)).toBe(allowed);
    },
  );
});

describe('ROUTE_PERMISSIONS: role x route', () => {
  const everyone = ROLES;
  const expected: Record<string, readonly Role[]> = {
    'POST /api/v1/events': ['ed', 'crew', 'feed', 'control', 'admin'],
    'POST /api/v1/events/batch': ['ed', 'crew', 'feed', 'control', 'admin'],
    'GET /api/v1/handovers': everyone,
    'GET /api/v1/handovers/:handoverId': everyone,
    'GET /api/v1/organisations': everyone,
    'GET /api/v1/live/sites': everyone,
    'GET /api/v1/live/regions/:code': everyone,
    'GET /api/v1/me': everyone,
    'GET /api/v1/reports/daily': ['viewer', 'control', 'ed', 'admin'],
    'GET /api/v1/reports/16:00/:date.csv': ['viewer', 'control', 'ed', 'admin'],
    'GET /api/v1/admin/credentials': ['admin'],
    'POST /api/v1/admin/credentials': ['admin'],
    'DELETE /api/v1/admin/credentials/:id': ['admin'],
    // Not in the table: refused to every role, admin included.
    'GET /api/v1/reports': [],
    'GET /api/v1/live/': [],
    'PUT /api/v1/admin/credentials/:id': [],
    'GET /api/v1/unknown': [],
  };
  const cases = Object.entries(expected).flatMap(([route, allowedRoles]) =>
    ROLES.map((role) => ({ role, route, allowed: allowedRoles.includes(role) })),
  );

  it.each(cases)('$role calling $route -> $allowed', ({ role, route, allowed }) => {
    expect(roleMayCall(role, route)).toBe(allowed);
  });

  it('the matrix covers every route in the table', () => {
    for (const key of Object.keys(ROUTE_PERMISSIONS)) {
      const covered = key.endsWith('/*')
        ? Object.keys(expected).some((route) => route.startsWith(key.slice(0, -1)))
        : key in expected;
      expect(covered, key).toBe(true);
    }
  });
});

describe('roleScopeProblem', () => {
  const all: Scope[] = [
    { kind: 'england' },
    { kind: 'region', code: 'Y60' },
    { kind: 'acute_trust', code: 'RRK' },
    { kind: 'ambulance_trust', code: 'RYA' },
    { kind: 'sites', codes: [QE_BIRMINGHAM] },
  ];
  const fits: Record<Role, readonly Scope['kind'][]> = {
    ed: ['sites', 'acute_trust'],
    crew: ['ambulance_trust'],
    feed: ['ambulance_trust', 'england'],
    control: ['ambulance_trust'],
    viewer: ['england', 'region', 'acute_trust', 'ambulance_trust', 'sites'],
    admin: ['england'],
  };
  const cases = ROLES.flatMap((role) =>
    all.map((scope) => ({ role, scope, fits: fits[role].includes(scope.kind) })),
  );

  it.each(cases)('$role with $scope.kind -> fits: $fits', ({ role, scope, fits: expected }) => {
    const problem = roleScopeProblem(role, scope);
    expect(problem === undefined).toBe(expected);
  });

  it('says which scopes would fit', () => {
    expect(roleScopeProblem('control', { kind: 'england' })).toBe(
      'A control credential cannot have the scope england: its scope must be ambulance_trust:<code>.',
    );
  });
});

describe('unknownScopeCodes', () => {
  it.each<{ scope: Scope; unknown: string[] }>([
    { scope: { kind: 'england' }, unknown: [] },
    { scope: { kind: 'region', code: 'Y60' }, unknown: [] },
    { scope: { kind: 'region', code: 'Y99' }, unknown: ['Y99'] },
    { scope: { kind: 'acute_trust', code: 'RRK' }, unknown: [] },
    { scope: { kind: 'acute_trust', code: 'RYA' }, unknown: ['RYA'] },
    { scope: { kind: 'ambulance_trust', code: 'RYA' }, unknown: [] },
    { scope: { kind: 'ambulance_trust', code: 'RRK' }, unknown: ['RRK'] },
    { scope: { kind: 'sites', codes: [QE_BIRMINGHAM, 'RRK02', 'ZZZ99'] }, unknown: ['RRK02', 'ZZZ99'] },
  ])('$scope.kind -> $unknown', ({ scope, unknown }) => {
    expect(unknownScopeCodes(scope, orgs)).toEqual(unknown);
  });
});

import {
  EVENT_TYPES,
  type EventType,
  type HandoverEvent,
  type HandoverParty,
  type Organisations,
} from '@handover/domain';
import { ROLES, type Role, type Scope } from '@handover/protocol';
import type { Principal } from './principal';
import { formatScope } from './scope-text';

/**
 * Who may see and record what: pure rules over a Principal and the organisation model. Routes check
 * `roleMayCall` before the handler and `canView` / `canRecord` per object; the live hub filters events
 * with `matchesScope` and admits a requested view with `scopeWithin`.
 */

/** Where a handover is and whose ambulance brought it: all the rules need to know. */
export interface HandoverLocation {
  siteCode: string;
  ambulanceTrustCode: string;
}

export type RecordDecision = { ok: true } | { ok: false; message: string };

/** Sites see their own handovers; an ambulance trust its conveyances anywhere; the rest their sites. */
export function matchesScope(scope: Scope, handover: HandoverLocation, orgs: Organisations): boolean {
  switch (scope.kind) {
    case 'england':
      return true;
    case 'region':
      return orgs.site(handover.siteCode)?.regionCode === scope.code;
    case 'acute_trust':
      return orgs.site(handover.siteCode)?.trustCode === scope.code;
    case 'sites':
      return scope.codes.includes(handover.siteCode);
    case 'ambulance_trust':
      return handover.ambulanceTrustCode === scope.code;
  }
}

export function canView(principal: Principal, handover: HandoverLocation, orgs: Organisations): boolean {
  return matchesScope(principal.scope, handover, orgs);
}

const ALL_EVENTS: ReadonlySet<EventType> = new Set(EVENT_TYPES);

function allEventsExcept(...excluded: EventType[]): ReadonlySet<EventType> {
  return new Set([...ALL_EVENTS].filter((type) => !excluded.includes(type)));
}

/**
 * Event types each role may send. Feeds (ambulance CAD, hospital arrival screens) may send both the
 * crew's and the ED's stamps but take no part in Release to Respond, which is between people.
 */
const EVENTS_BY_ROLE: Record<Role, ReadonlySet<EventType>> = {
  ed: allEventsExcept('release_requested'),
  crew: new Set(['eta', 'arrived', 'handed_over', 'cleared', 'corrected', 'cancelled']),
  feed: allEventsExcept('release_requested', 'release_responded'),
  control: new Set(['release_requested']),
  viewer: new Set(),
  admin: ALL_EVENTS,
};

/**
 * The handover stamp each role may record, directly or by correction. Two-party confirmation only
 * means something if neither party can write the other's stamp.
 */
const HANDOVER_PARTY_BY_ROLE: Partial<Record<Role, HandoverParty>> = { ed: 'ed', crew: 'crew' };
const STAMP_FIELD_OF_PARTY = { crew: 'crewHandedOverAt', ed: 'edHandedOverAt' } as const;

/**
 * May this principal record this event? `handover` is where the handover currently is (undefined when
 * it does not exist yet). For `eta` and `arrived` the event's own conveyance must also be in scope, so a
 * credential cannot open a handover outside its scope. When the handover does not exist and the event
 * cannot open one, only the role is checked: the domain then refuses it as HANDOVER_NOT_FOUND.
 */
export function canRecord(
  principal: Principal,
  event: HandoverEvent,
  handover: HandoverLocation | undefined,
  orgs: Organisations,
): RecordDecision {
  const { role, scope } = principal;
  if (!EVENTS_BY_ROLE[role].has(event.type)) {
    return deny(
      role === 'viewer'
        ? 'A viewer credential is read-only.'
        : `${credentialOf(role)} may not record ${event.type} events.`,
    );
  }

  const party = HANDOVER_PARTY_BY_ROLE[role];
  if (party !== undefined) {
    if (event.type === 'handed_over' && event.by !== party) {
      return deny(
        `${credentialOf(role)} records the ${party}'s handover stamp (by: '${party}'), not the ${event.by}'s.`,
      );
    }
    const otherParty = party === 'crew' ? 'ed' : 'crew';
    if (event.type === 'corrected' && event.field === STAMP_FIELD_OF_PARTY[otherParty]) {
      return deny(
        `${credentialOf(role)} may not correct the ${otherParty}'s handover stamp (${event.field}).`,
      );
    }
  }

  const targets: HandoverLocation[] = [];
  if (event.type === 'eta' || event.type === 'arrived') targets.push(event);
  if (handover !== undefined) targets.push(handover);
  const outside = targets.find((target) => !matchesScope(scope, target, orgs));
  if (outside !== undefined) {
    return deny(
      `Handover ${event.handoverId} (site ${outside.siteCode}, ambulance trust ${outside.ambulanceTrustCode}) ` +
        `is outside this credential's scope (${formatScope(scope)}).`,
    );
  }
  return { ok: true };
}

/** 'An ed credential', 'A crew credential': the subject of every refusal. */
function credentialOf(role: Role): string {
  return `${/^[aeiou]/.test(role) ? 'An' : 'A'} ${role} credential`;
}

function deny(message: string): RecordDecision {
  return { ok: false, message };
}

/**
 * May a credential granted `granted` open a live view of `requested`? A view never reaches beyond the
 * grant, except that a region may watch the ambulance trusts based in it (their conveyances anywhere).
 */
export function scopeWithin(requested: Scope, granted: Scope, orgs: Organisations): boolean {
  switch (granted.kind) {
    case 'england':
      return true;
    case 'region':
      switch (requested.kind) {
        case 'england':
          return false;
        case 'region':
          return requested.code === granted.code;
        case 'acute_trust':
          return orgs.acuteTrust(requested.code)?.regionCode === granted.code;
        case 'ambulance_trust':
          return orgs.ambulanceTrust(requested.code)?.regionCode === granted.code;
        case 'sites':
          return requested.codes.every((code) => orgs.site(code)?.regionCode === granted.code);
      }
      break;
    case 'acute_trust':
      if (requested.kind === 'acute_trust') return requested.code === granted.code;
      if (requested.kind === 'sites') {
        return requested.codes.every((code) => orgs.site(code)?.trustCode === granted.code);
      }
      return false;
    case 'sites':
      return requested.kind === 'sites' && requested.codes.every((code) => granted.codes.includes(code));
    case 'ambulance_trust':
      return requested.kind === 'ambulance_trust' && requested.code === granted.code;
  }
}

/** Scopes each role can hold; a feed may be national (integrations, the simulator). */
const SCOPE_KINDS_BY_ROLE: Record<Role, readonly Scope['kind'][]> = {
  ed: ['sites', 'acute_trust'],
  crew: ['ambulance_trust'],
  feed: ['ambulance_trust', 'england'],
  control: ['ambulance_trust'],
  viewer: ['england', 'region', 'acute_trust', 'ambulance_trust', 'sites'],
  admin: ['england'],
};

/** Why a role cannot hold a scope, or undefined when it can. */
export function roleScopeProblem(role: Role, scope: Scope): string | undefined {
  const kinds = SCOPE_KINDS_BY_ROLE[role];
  if (kinds.includes(scope.kind)) return undefined;
  return `${credentialOf(role)} cannot have the scope ${formatScope(scope)}: its scope must be ${kinds.map(describeKind).join(' or ')}.`;
}

function describeKind(kind: Scope['kind']): string {
  const examples: Record<Scope['kind'], string> = {
    england: 'england',
    region: 'region:<code>',
    acute_trust: 'acute_trust:<code>',
    ambulance_trust: 'ambulance_trust:<code>',
    sites: 'sites:<code,...>',
  };
  return examples[kind];
}

const EVERY_ROLE: readonly Role[] = ROLES;
const RECORDING_ROLES: readonly Role[] = ['ed', 'crew', 'feed', 'control', 'admin'];

/**
 * Which roles may call which REST route, keyed `METHOD /url` with Fastify's route pattern. A key ending
 * in `/*` covers every route below it. Routes not listed are refused (fail closed); public routes such
 * as health checks do not go through this table at all.
 */
export const ROUTE_PERMISSIONS = {
  'POST /api/v1/events': RECORDING_ROLES,
  'POST /api/v1/events/batch': RECORDING_ROLES,
  'GET /api/v1/handovers': EVERY_ROLE,
  'GET /api/v1/handovers/:handoverId': EVERY_ROLE,
  'GET /api/v1/organisations': EVERY_ROLE,
  'GET /api/v1/live/*': EVERY_ROLE,
  'GET /api/v1/me': EVERY_ROLE,
  'GET /api/v1/reports/*': ['viewer', 'control', 'ed', 'admin'],
  'GET /api/v1/admin/credentials': ['admin'],
  'POST /api/v1/admin/credentials': ['admin'],
  'DELETE /api/v1/admin/credentials/:id': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type RouteKey = keyof typeof ROUTE_PERMISSIONS;

/** `routeKey` is `${method} ${routePattern}`, e.g. 'DELETE /api/v1/admin/credentials/:id'. */
export function roleMayCall(role: Role, routeKey: string): boolean {
  return permittedRoles(routeKey)?.includes(role) === true;
}

function permittedRoles(routeKey: string): readonly Role[] | undefined {
  const table: Readonly<Record<string, readonly Role[]>> = ROUTE_PERMISSIONS;
  const exact = table[routeKey];
  if (exact !== undefined) return exact;
  const wildcard = Object.keys(table).find(
    (key) => key.endsWith('/*') && routeKey.startsWith(key.slice(0, -1)) && routeKey.length > key.length - 1,
  );
  return wildcard === undefined ? undefined : table[wildcard];
}

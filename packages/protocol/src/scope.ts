import Type, { type Static } from 'typebox';
import { SiteCode, TrustCode } from './event-schemas';

/**
 * What a screen or credential covers. Sites see their own handovers; an ambulance trust sees its
 * conveyances everywhere; acute trust, region and England see handovers at their sites.
 */
export const ScopeSchema = Type.Union([
  Type.Object({ kind: Type.Literal('england') }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('region'), code: Type.String({ pattern: '^Y\\d{2}$' }) },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('acute_trust'), code: TrustCode }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('ambulance_trust'), code: TrustCode }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('sites'), codes: Type.Array(SiteCode, { minItems: 1, maxItems: 50 }) },
    { additionalProperties: false },
  ),
]);
export type Scope = Static<typeof ScopeSchema>;

export const ROLES = ['ed', 'crew', 'feed', 'control', 'viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Finds an organisation by code: the domain's Organisations and the browser's directory both do. */
export interface OrganisationLookup {
  region(code: string): unknown;
  acuteTrust(code: string): unknown;
  ambulanceTrust(code: string): unknown;
  site(code: string): unknown;
}

/** Codes in a scope that are not in the organisation model (a typo would otherwise see nothing). */
export function unknownScopeCodes(scope: Scope, orgs: OrganisationLookup): string[] {
  switch (scope.kind) {
    case 'england':
      return [];
    case 'region':
      return orgs.region(scope.code) === undefined ? [scope.code] : [];
    case 'acute_trust':
      return orgs.acuteTrust(scope.code) === undefined ? [scope.code] : [];
    case 'ambulance_trust':
      return orgs.ambulanceTrust(scope.code) === undefined ? [scope.code] : [];
    case 'sites':
      return scope.codes.filter((code) => orgs.site(code) === undefined);
  }
}

/** What each kind of scope calls its codes, in messages: "Unknown site code ZZZ99". */
export const SCOPE_CODE_NAMES: Record<Scope['kind'], string> = {
  england: 'organisation',
  region: 'region',
  acute_trust: 'trust',
  ambulance_trust: 'ambulance trust',
  sites: 'site',
};

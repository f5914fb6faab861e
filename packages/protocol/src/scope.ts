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

import type { Scope } from '@handover/protocol';
import type { BenchReference } from './reference';

/**
 * The realistic audience (DOMAIN.md section 7): mostly ED wall screens on one site each, some ambulance
 * control-room consoles, a few national viewers.
 */
export const SCOPE_MIX = { sites: 0.88, ambulanceTrust: 0.1, england: 0.02 } as const;

/** `count` scopes in the mix, spread evenly over the sites and ambulance trusts. */
export function scopeMix(count: number, reference: BenchReference): Scope[] {
  const england = Math.max(1, Math.round(count * SCOPE_MIX.england));
  const trusts = Math.max(1, Math.round(count * SCOPE_MIX.ambulanceTrust));
  const sites = Math.max(0, count - england - trusts);
  const scopes: Scope[] = [];
  for (let i = 0; i < sites; i++) {
    const site = reference.sites[i % reference.sites.length];
    if (site !== undefined) scopes.push({ kind: 'sites', codes: [site.code] });
  }
  for (let i = 0; i < trusts; i++) {
    const code = reference.ambulanceTrustCodes[i % reference.ambulanceTrustCodes.length];
    if (code !== undefined) scopes.push({ kind: 'ambulance_trust', code });
  }
  for (let i = 0; i < england; i++) scopes.push({ kind: 'england' });
  return scopes;
}

/** Where a handover is and whose ambulance brought it: all the live hub filters on. */
export interface Whereabouts {
  siteCode: string;
  ambulanceTrustCode: string;
}

/** The live hub's rule for the scopes the bench uses (sites, ambulance trust, England). */
export function inScope(scope: Scope, where: Whereabouts): boolean {
  switch (scope.kind) {
    case 'england':
      return true;
    case 'sites':
      return scope.codes.includes(where.siteCode);
    case 'ambulance_trust':
      return scope.code === where.ambulanceTrustCode;
    default:
      throw new Error(`The bench does not use ${scope.kind} scopes`);
  }
}

export const describeScope = (scope: Scope): string =>
  scope.kind === 'england'
    ? 'england'
    : scope.kind === 'sites'
      ? `sites:${scope.codes.join(',')}`
      : `${scope.kind}:${scope.code}`;

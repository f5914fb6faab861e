import { displayName, type Organisations } from '@handover/domain';
import type { Role, Scope } from '@handover/protocol';
import type { DocumentStore } from '@handover/store';
import { createCredential, type IssuedCredential } from './credentials';

/** The credentials demo mode creates at start, one per dashboard the start-up message links to. */
export interface DemoCredentials {
  admin: IssuedCredential;
  /** National feed for the traffic simulator. */
  simulatorFeed: IssuedCredential;
  englandViewer: IssuedCredential;
  /** ED wall board and entry page of the busy site. */
  busySiteEd: IssuedCredential;
  /** Control room of the ambulance trust. */
  ambulanceControl: IssuedCredential;
}

export interface DemoCredentialOptions {
  busySiteCode: string;
  ambulanceTrustCode: string;
  /** Epoch ms. */
  now: number;
}

/**
 * Creates a fresh set of demo credentials. Each start makes new ones (tokens cannot be recovered from
 * the store); labels start with "Demo:" so they are easy to find and revoke.
 */
export async function createDemoCredentials(
  documents: DocumentStore,
  orgs: Organisations,
  options: DemoCredentialOptions,
): Promise<DemoCredentials> {
  const site = orgs.site(options.busySiteCode);
  if (site === undefined) throw new Error(`Demo site "${options.busySiteCode}" is not a known site`);
  const ambulanceTrust = orgs.ambulanceTrust(options.ambulanceTrustCode);
  if (ambulanceTrust === undefined) {
    throw new Error(`Demo ambulance trust "${options.ambulanceTrustCode}" is not a known ambulance trust`);
  }
  const { now } = options;
  const create = (label: string, role: Role, scope: Scope): Promise<IssuedCredential> =>
    createCredential(documents, { label: `Demo: ${label}`, role, scope }, now, orgs);

  return {
    admin: await create('administrator', 'admin', { kind: 'england' }),
    simulatorFeed: await create('traffic simulator', 'feed', { kind: 'england' }),
    englandViewer: await create('NHS England viewer', 'viewer', { kind: 'england' }),
    busySiteEd: await create(`${displayName(site.name)} ED`, 'ed', { kind: 'sites', codes: [site.code] }),
    ambulanceControl: await create(`${ambulanceTrust.code} control room`, 'control', {
      kind: 'ambulance_trust',
      code: ambulanceTrust.code,
    }),
  };
}

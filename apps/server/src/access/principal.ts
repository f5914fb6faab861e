import type { Actor } from '@handover/domain';
import type { Role, Scope } from '@handover/protocol';

/** Who is calling, resolved from a bearer credential. Carried on every request and websocket. */
export interface Principal {
  credentialId: string;
  label: string;
  role: Role;
  scope: Scope;
}

export function actorOf(principal: Principal): Actor {
  return { credentialId: principal.credentialId, role: principal.role, label: principal.label };
}

import { fetchOrganisations } from '../../shared/api-client/organisations';
import { fetchIdentity } from '../../shared/credentials/identity';

export type CredentialCheck = { ok: true } | { ok: false; message: string };

/** Asks the server whether a pasted credential works, before saving it. */
export async function checkCredential(token: string): Promise<CredentialCheck> {
  if (!/^hvt_\S+$/.test(token)) {
    return {
      ok: false,
      message: 'A credential starts with hvt_ and has no spaces. Check you copied all of it.',
    };
  }
  const identity = await fetchIdentity(token);
  // Servers without /api/v1/me still answer the organisations list to any valid credential.
  const result =
    !identity.ok && identity.kind === 'http' && identity.status === 404
      ? await fetchOrganisations(token)
      : identity;
  if (result.ok) return { ok: true };
  if (result.kind === 'network') {
    return { ok: false, message: 'Could not reach the server. Check the network connection and try again.' };
  }
  if (result.status === 401) {
    return {
      ok: false,
      message: 'The server did not accept this credential. It may have been revoked, or copied wrongly.',
    };
  }
  return { ok: false, message: `The server could not check the credential: ${result.error.message}` };
}

/** Only same-site paths are followed after sign-in, never another origin. */
export function safeNextPath(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

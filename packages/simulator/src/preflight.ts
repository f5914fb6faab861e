import type { SenderCredentials } from './api-sender';

/**
 * Before sending anything: is the server there, and does each credential work and have the role its
 * events need? A wrong token or URL is then one clear sentence, not minutes of retries.
 */

export interface CredentialCheck {
  name: keyof SenderCredentials;
  role: string;
  label: string;
}

export class PreflightError extends Error {
  override readonly name = 'PreflightError';
}

// The roles that may record each party's events (apps/server access rules).
const FITTING_ROLES: Readonly<Record<keyof SenderCredentials, readonly string[]>> = {
  feed: ['feed', 'admin'],
  control: ['control', 'admin'],
  ed: ['ed', 'admin'],
  admin: ['admin'],
};

export async function preflight(
  baseUrl: string,
  credentials: SenderCredentials,
  fetchImpl: typeof fetch = fetch,
): Promise<CredentialCheck[]> {
  const base = baseUrl.replace(/\/+$/, '');
  try {
    const ready = await fetchImpl(`${base}/readyz`, { signal: AbortSignal.timeout(10_000) });
    await ready.arrayBuffer();
    if (ready.status !== 200)
      throw new PreflightError(`The server at ${base} is not ready (/readyz answered ${ready.status})`);
  } catch (error) {
    if (error instanceof PreflightError) throw error;
    throw new PreflightError(`Cannot reach the server at ${base}: ${reasonOf(error)}`);
  }
  const checks: CredentialCheck[] = [];
  for (const name of ['feed', 'control', 'ed', 'admin'] as const) {
    const token = credentials[name];
    if (token === undefined) continue;
    const response = await fetchImpl(`${base}/api/v1/me`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json().catch(() => undefined)) as
      | { role?: unknown; label?: unknown; error?: { message?: unknown } }
      | undefined;
    if (response.status !== 200 || typeof body?.role !== 'string') {
      const why = typeof body?.error?.message === 'string' ? body.error.message : `HTTP ${response.status}`;
      throw new PreflightError(`The ${name} token was refused: ${why}`);
    }
    if (!FITTING_ROLES[name].includes(body.role)) {
      throw new PreflightError(
        `The ${name} token is a ${body.role} credential; it needs one of: ${FITTING_ROLES[name].join(', ')}`,
      );
    }
    checks.push({ name, role: body.role, label: typeof body.label === 'string' ? body.label : '' });
  }
  return checks;
}

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

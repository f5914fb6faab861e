import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Organisations } from '@handover/domain';
import { ROLES, type Role, type Scope, unknownScopeCodes } from '@handover/protocol';
import type { DocumentStore } from '@handover/store';
import { roleScopeProblem } from './access-rules';
import type { Principal } from './principal';
import { formatScope, isScope } from './scope-text';

/**
 * Bearer credentials: `hvt_<credentialId>_<secret>`. Only the SHA-256 of the secret is stored, in the
 * store's documents so every server instance sees the same credentials. A fast hash is right here
 * because the secret is 32 random bytes: there is nothing to guess, so nothing for a slow hash to slow.
 */

export const CREDENTIALS_COLLECTION = 'credentials';

const TOKEN_PREFIX = 'hvt';
const ID_LENGTH = 12;
// RFC 4648 base32, lower case: no '_' (the token separator) and nothing easily misread.
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const SECRET_BYTES = 32;
const TOKEN_PATTERN = /^hvt_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const MAX_LABEL_LENGTH = 100;

/** As stored. `secretHash` never leaves this module. */
export interface CredentialRecord {
  id: string;
  label: string;
  role: Role;
  scope: Scope;
  /** SHA-256 of the secret, hex. */
  secretHash: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  revokedAt?: string;
}

/** A credential as shown to people and to the admin API: everything but the hash. */
export type CredentialSummary = Omit<CredentialRecord, 'secretHash'>;

export interface CredentialRequest {
  label: string;
  role: Role;
  scope: Scope;
}

export interface IssuedCredential {
  /** The bearer token: shown once, never stored. */
  token: string;
  record: CredentialSummary;
}

export class CredentialError extends Error {
  override readonly name = 'CredentialError';
}

/**
 * Creates a credential and returns its token (the only time the token exists outside the caller).
 * Throws a CredentialError when the label is empty or too long, the scope is malformed or the role
 * cannot hold it, and, when `organisations` is given, when the scope names unknown organisations.
 */
export async function createCredential(
  documents: DocumentStore,
  request: CredentialRequest,
  now: number,
  organisations?: Organisations,
): Promise<IssuedCredential> {
  const label = request.label.trim();
  if (label === '') throw new CredentialError('A credential needs a label saying who or what holds it');
  if (label.length > MAX_LABEL_LENGTH) {
    throw new CredentialError(`A credential label may have at most ${MAX_LABEL_LENGTH} characters`);
  }
  if (!ROLES.includes(request.role)) {
    throw new CredentialError(`Unknown role "${request.role}" (expected one of: ${ROLES.join(', ')})`);
  }
  if (!isScope(request.scope)) throw new CredentialError('The scope is malformed (see the Scope schema)');
  const misfit = roleScopeProblem(request.role, request.scope);
  if (misfit !== undefined) throw new CredentialError(misfit);
  if (organisations !== undefined) {
    const unknown = unknownScopeCodes(request.scope, organisations);
    if (unknown.length > 0) {
      throw new CredentialError(
        `Scope ${formatScope(request.scope)} names unknown code(s): ${unknown.join(', ')}`,
      );
    }
  }

  const secret = randomBytes(SECRET_BYTES).toString('base64url');
  for (;;) {
    const record: CredentialRecord = {
      id: randomCredentialId(),
      label,
      role: request.role,
      scope: request.scope,
      secretHash: hashSecret(secret),
      createdAt: new Date(now).toISOString(),
    };
    // 60 random bits make a clash vanishingly rare, but putIfAbsent makes it harmless too.
    if (await documents.putIfAbsent(CREDENTIALS_COLLECTION, record.id, record)) {
      return { token: `${TOKEN_PREFIX}_${record.id}_${secret}`, record: summarise(record) };
    }
  }
}

/** Marks a credential revoked (kept, for the audit trail of the events it recorded). */
export async function revokeCredential(
  documents: DocumentStore,
  id: string,
  now: number,
): Promise<CredentialSummary> {
  const record = await readRecord(documents, id);
  if (record === undefined) throw new CredentialError(`No credential has the id "${id}"`);
  if (record.revokedAt !== undefined) return summarise(record);
  const revoked: CredentialRecord = { ...record, revokedAt: new Date(now).toISOString() };
  await documents.put(CREDENTIALS_COLLECTION, id, revoked);
  return summarise(revoked);
}

/** Every credential, revoked ones included, ordered by id; without hashes. */
export async function listCredentials(documents: DocumentStore): Promise<CredentialSummary[]> {
  const entries = await documents.list(CREDENTIALS_COLLECTION);
  return entries.flatMap(({ value }) => (isCredentialRecord(value) ? [summarise(value)] : []));
}

/** The token of an `Authorization: Bearer <token>` header, or undefined for any other header. */
export function parseBearer(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer +(\S+) *$/i.exec(header);
  return match?.[1];
}

export interface CredentialVerifierOptions {
  /** How long a record read from the store is trusted; bounds how late a revocation takes effect. */
  cacheMs?: number;
  clock?: () => number;
}

interface CachedLookup {
  readAt: number;
  record: Promise<CredentialRecord | undefined>;
  /** Tokens already checked against this record, so a busy feed's secret is hashed once per read. */
  verified: Map<string, Principal>;
}

/**
 * Turns a bearer token into a Principal. Records are cached briefly, so a revocation made on another
 * instance takes effect within `cacheMs` (2 s); LiveHub checks its open websockets' credentials again
 * from the store on a timer (`verifyAfresh`), so they are cut off too. Unknown ids are never cached, so a credential created on another
 * instance works at once; concurrent lookups of one id share a single store read.
 */
export class CredentialVerifier {
  private readonly cache = new Map<string, CachedLookup>();
  private readonly cacheMs: number;
  private readonly clock: () => number;

  constructor(
    private readonly documents: DocumentStore,
    options: CredentialVerifierOptions = {},
  ) {
    this.cacheMs = options.cacheMs ?? 2_000;
    this.clock = options.clock ?? Date.now;
  }

  /** The Principal for a valid, unrevoked token; undefined otherwise. Store failures reject. */
  async verify(token: string): Promise<Principal | undefined> {
    const parsed = TOKEN_PATTERN.exec(token);
    const id = parsed?.[1];
    const secret = parsed?.[2];
    if (id === undefined || secret === undefined) return undefined;
    const lookup = this.lookup(id);
    const record = await lookup.record;
    if (record === undefined || record.revokedAt !== undefined) return undefined;
    // Found by the whole token in a Map, not by comparing secrets character by character.
    const known = lookup.verified.get(token);
    if (known !== undefined) return known;
    if (!secretMatches(secret, record.secretHash)) return undefined;
    const principal: Principal = Object.freeze({
      credentialId: record.id,
      label: record.label,
      role: record.role,
      scope: record.scope,
    });
    lookup.verified.set(token, principal);
    return principal;
  }

  /** `verify`, with the credential's record read from the store rather than the cache. */
  verifyAfresh(token: string): Promise<Principal | undefined> {
    const id = TOKEN_PATTERN.exec(token)?.[1];
    if (id !== undefined) this.invalidate(id);
    return this.verify(token);
  }

  /** Forgets a cached record at once, e.g. after this instance revoked it. */
  invalidate(id: string): void {
    this.cache.delete(id);
  }

  private lookup(id: string): CachedLookup {
    const now = this.clock();
    const cached = this.cache.get(id);
    if (cached !== undefined && now - cached.readAt < this.cacheMs) return cached;

    const record = readRecord(this.documents, id).then(
      (found) => {
        if (found === undefined) this.forget(id, lookup);
        return found;
      },
      (error: unknown) => {
        this.forget(id, lookup);
        throw error;
      },
    );
    const lookup: CachedLookup = { readAt: now, record, verified: new Map() };
    this.cache.set(id, lookup);
    return lookup;
  }

  /** Drops a lookup unless a newer one has replaced it meanwhile. */
  private forget(id: string, lookup: CachedLookup): void {
    if (this.cache.get(id) === lookup) this.cache.delete(id);
  }
}

function randomCredentialId(): string {
  let id = '';
  for (let i = 0; i < ID_LENGTH; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function secretMatches(secret: string, storedHash: string): boolean {
  if (!SHA256_HEX.test(storedHash)) return false;
  return timingSafeEqual(Buffer.from(hashSecret(secret), 'hex'), Buffer.from(storedHash, 'hex'));
}

async function readRecord(documents: DocumentStore, id: string): Promise<CredentialRecord | undefined> {
  const value = await documents.get(CREDENTIALS_COLLECTION, id);
  return isCredentialRecord(value) ? value : undefined;
}

/** A shape check on what the store returns: a damaged document must not become a credential. */
function isCredentialRecord(value: unknown): value is CredentialRecord {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Partial<Record<keyof CredentialRecord, unknown>>;
  return (
    typeof record.id === 'string' &&
    typeof record.label === 'string' &&
    typeof record.role === 'string' &&
    (ROLES as readonly string[]).includes(record.role) &&
    isScope(record.scope) &&
    typeof record.secretHash === 'string' &&
    typeof record.createdAt === 'string' &&
    (record.revokedAt === undefined || typeof record.revokedAt === 'string')
  );
}

function summarise(record: CredentialRecord): CredentialSummary {
  const { secretHash: _hidden, ...summary } = record;
  return summary;
}

import { createHash } from 'node:crypto';
import type { Role, Scope } from '@handover/protocol';
import type { DocumentStore } from '@handover/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CREDENTIALS_COLLECTION,
  CredentialError,
  type CredentialRecord,
  type CredentialRequest,
  CredentialVerifier,
  createCredential,
  listCredentials,
  parseBearer,
  revokeCredential,
} from './credentials';
import { referenceOrganisations } from './test-support/reference-organisations';
import { openTestDocuments, type TestDocuments } from './test-support/test-documents';

const orgs = referenceOrganisations();
const T0 = Date.parse('2026-01-12T10:00:00Z');
const QE_ED: CredentialRequest = {
  label: 'QE ED wall',
  role: 'ed',
  scope: { kind: 'sites', codes: ['RRK15'] },
};

let store: TestDocuments;
let documents: DocumentStore;

beforeEach(async () => {
  store = await openTestDocuments();
  documents = store.documents;
});

afterEach(async () => {
  await store.close();
});

describe('createCredential', () => {
  it('issues a token of the form hvt_<id>_<secret> and stores only the hash of the secret', async () => {
    const { token, record } = await createCredential(documents, QE_ED, T0, orgs);
    const match = /^hvt_([a-z2-7]{12})_([A-Za-z0-9_-]{43})$/.exec(token);
    expect(match).not.toBeNull();
    const [, id, secret] = match ?? [];
    expect(record).toEqual({
      id,
      label: 'QE ED wall',
      role: 'ed',
      scope: { kind: 'sites', codes: ['RRK15'] },
      createdAt: '2026-01-12T10:00:00.000Z',
    });
    expect(record).not.toHaveProperty('secretHash');

    const stored = await documents.get<CredentialRecord>(CREDENTIALS_COLLECTION, record.id);
    expect(stored?.secretHash).toBe(
      createHash('sha256')
        .update(secret ?? '')
        .digest('hex'),
    );
    expect(stored?.secretHash).not.toBe(secret);
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it('issues a different id and secret every time', async () => {
    const first = await createCredential(documents, QE_ED, T0);
    const second = await createCredential(documents, QE_ED, T0);
    expect(first.record.id).not.toBe(second.record.id);
    expect(first.token.slice(17)).not.toBe(second.token.slice(17));
  });

  it.each<{ role: Role; scope: Scope }>([
    { role: 'ed', scope: { kind: 'england' } },
    { role: 'ed', scope: { kind: 'ambulance_trust', code: 'RYA' } },
    { role: 'crew', scope: { kind: 'england' } },
    { role: 'crew', scope: { kind: 'sites', codes: ['RRK15'] } },
    { role: 'control', scope: { kind: 'region', code: 'Y60' } },
    { role: 'feed', scope: { kind: 'acute_trust', code: 'RRK' } },
    { role: 'admin', scope: { kind: 'region', code: 'Y60' } },
  ])('refuses a $role credential with a $scope.kind scope', async ({ role, scope }) => {
    await expect(createCredential(documents, { label: 'x', role, scope }, T0)).rejects.toThrow(
      new RegExp(`${role} credential cannot have the scope`),
    );
    expect(await listCredentials(documents)).toEqual([]);
  });

  it.each<{ role: Role; scope: Scope }>([
    { role: 'ed', scope: { kind: 'acute_trust', code: 'RRK' } },
    { role: 'crew', scope: { kind: 'ambulance_trust', code: 'RYA' } },
    { role: 'feed', scope: { kind: 'england' } },
    { role: 'feed', scope: { kind: 'ambulance_trust', code: 'RYA' } },
    { role: 'control', scope: { kind: 'ambulance_trust', code: 'RYA' } },
    { role: 'viewer', scope: { kind: 'region', code: 'Y60' } },
    { role: 'viewer', scope: { kind: 'sites', codes: ['RRK15', 'RRK97'] } },
    { role: 'admin', scope: { kind: 'england' } },
  ])('accepts a $role credential with a $scope.kind scope', async ({ role, scope }) => {
    await expect(createCredential(documents, { label: 'x', role, scope }, T0, orgs)).resolves.toBeDefined();
  });

  it('refuses an unknown role, a malformed scope, an empty or overlong label, and unknown codes', async () => {
    const create = (request: object) =>
      createCredential(documents, { ...QE_ED, ...request } as CredentialRequest, T0, orgs);
    await expect(create({ role: 'superuser' })).rejects.toThrow('Unknown role "superuser"');
    await expect(create({ scope: { kind: 'sites', codes: [] } })).rejects.toThrow('scope is malformed');
    await expect(create({ label: '   ' })).rejects.toThrow('needs a label');
    await expect(create({ label: 'x'.repeat(101) })).rejects.toThrow('at most 100');
    await expect(create({ scope: { kind: 'sites', codes: ['RRK15', 'RRK02'] } })).rejects.toThrow(
      'Scope sites:RRK15,RRK02 names unknown code(s): RRK02',
    );
    await expect(create({ role: 'superuser' })).rejects.toBeInstanceOf(CredentialError);
    expect(await listCredentials(documents)).toEqual([]);
  });
});

describe('CredentialVerifier', () => {
  it('turns a valid token into its principal', async () => {
    const { token, record } = await createCredential(documents, QE_ED, T0);
    const verifier = new CredentialVerifier(documents);
    expect(await verifier.verify(token)).toEqual({
      credentialId: record.id,
      label: 'QE ED wall',
      role: 'ed',
      scope: { kind: 'sites', codes: ['RRK15'] },
    });
  });

  it('refuses a wrong secret, a malformed token and an unknown id', async () => {
    const { token } = await createCredential(documents, QE_ED, T0);
    const other = await createCredential(documents, QE_ED, T0);
    const verifier = new CredentialVerifier(documents);
    const [prefix, id, secret] = [token.slice(0, 3), token.slice(4, 16), token.slice(17)];
    const otherSecret = other.token.slice(17);
    const flipped = `${secret.slice(0, -1)}${secret.endsWith('A') ? 'B' : 'A'}`;

    expect(await verifier.verify(`${prefix}_${id}_${otherSecret}`)).toBeUndefined();
    expect(await verifier.verify(`${prefix}_${id}_${flipped}`)).toBeUndefined();
    expect(await verifier.verify(`${prefix}_aaaaaaaaaaaa_${secret}`)).toBeUndefined();
    for (const malformed of [
      '',
      'hvt',
      token.slice(0, -1),
      `${token}A`,
      `xyz_${id}_${secret}`,
      `hvt_${id}${secret}`,
      ` ${token}`,
    ]) {
      expect(await verifier.verify(malformed), malformed).toBeUndefined();
    }
    // The valid token still works after all that.
    expect(await verifier.verify(token)).toBeDefined();
  });

  it('checks a secret once per store read: the same principal while cached, wrong secrets still refused', async () => {
    const { token } = await createCredential(documents, QE_ED, T0);
    let clock = T0;
    const verifier = new CredentialVerifier(documents, { clock: () => clock });
    const first = await verifier.verify(token);
    expect(first).toBeDefined();
    expect(Object.isFrozen(first)).toBe(true);
    expect(await verifier.verify(token)).toBe(first);

    const flipped = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
    expect(await verifier.verify(flipped)).toBeUndefined();
    expect(await verifier.verify(flipped)).toBeUndefined();

    clock = T0 + 2_000; // the record is read again: the secret is checked again
    const again = await verifier.verify(token);
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
  });

  it('refuses a revoked credential, within the cache time on another instance', async () => {
    const { token, record } = await createCredential(documents, QE_ED, T0);
    let clock = T0;
    const otherInstance = new CredentialVerifier(documents, { clock: () => clock });
    expect(await otherInstance.verify(token)).toBeDefined();

    const revoked = await revokeCredential(documents, record.id, T0 + 1_000);
    expect(revoked.revokedAt).toBe('2026-01-12T10:00:01.000Z');
    clock = T0 + 1_999;
    expect(await otherInstance.verify(token)).toBeDefined(); // still cached
    clock = T0 + 2_000;
    expect(await otherInstance.verify(token)).toBeUndefined();
    expect(await new CredentialVerifier(documents).verify(token)).toBeUndefined();
  });

  it('does not remember a miss: a credential created on another instance works at once', async () => {
    const { token, record } = await createCredential(documents, QE_ED, T0);
    const stored = await documents.get<CredentialRecord>(CREDENTIALS_COLLECTION, record.id);
    await documents.delete(CREDENTIALS_COLLECTION, record.id);
    const verifier = new CredentialVerifier(documents, { clock: () => T0 });
    expect(await verifier.verify(token)).toBeUndefined();
    await documents.put(CREDENTIALS_COLLECTION, record.id, stored);
    expect(await verifier.verify(token)).toBeDefined();
  });

  it('refuses a damaged stored record', async () => {
    const { token, record } = await createCredential(documents, QE_ED, T0);
    const stored = await documents.get<CredentialRecord>(CREDENTIALS_COLLECTION, record.id);
    await documents.put(CREDENTIALS_COLLECTION, record.id, { ...stored, secretHash: 'not-hex' });
    expect(await new CredentialVerifier(documents).verify(token)).toBeUndefined();
    await documents.put(CREDENTIALS_COLLECTION, record.id, { ...stored, role: 'superuser' });
    expect(await new CredentialVerifier(documents).verify(token)).toBeUndefined();
  });

  it('reads the store once for concurrent checks of one credential', async () => {
    const { token } = await createCredential(documents, QE_ED, T0);
    let reads = 0;
    const counting = withGet(documents, <T>(collection: string, key: string) => {
      reads += 1;
      return documents.get<T>(collection, key);
    });
    const verifier = new CredentialVerifier(counting, { clock: () => T0 });
    const principals = await Promise.all(Array.from({ length: 10 }, () => verifier.verify(token)));
    expect(principals.every((principal) => principal?.role === 'ed')).toBe(true);
    expect(reads).toBe(1);
  });

  it('passes store failures on and does not cache them', async () => {
    const { token } = await createCredential(documents, QE_ED, T0);
    let failing = true;
    const flaky = withGet(documents, <T>(collection: string, key: string) =>
      failing ? Promise.reject(new Error('store unreachable')) : documents.get<T>(collection, key),
    );
    const verifier = new CredentialVerifier(flaky, { clock: () => T0 });
    await expect(verifier.verify(token)).rejects.toThrow('store unreachable');
    failing = false;
    expect(await verifier.verify(token)).toBeDefined();
  });
});

describe('revokeCredential and listCredentials', () => {
  it('lists every credential without hashes, revoked ones marked', async () => {
    const first = await createCredential(documents, QE_ED, T0);
    const second = await createCredential(
      documents,
      { label: 'WMAS control', role: 'control', scope: { kind: 'ambulance_trust', code: 'RYA' } },
      T0,
    );
    await revokeCredential(documents, first.record.id, T0 + 60_000);
    const listed = await listCredentials(documents);
    expect(listed).toHaveLength(2);
    expect(listed.find((record) => record.id === first.record.id)?.revokedAt).toBe(
      '2026-01-12T10:01:00.000Z',
    );
    expect(listed.find((record) => record.id === second.record.id)).toEqual(second.record);
    for (const record of listed) expect(record).not.toHaveProperty('secretHash');
  });

  it('keeps the first revocation time and refuses an unknown id', async () => {
    const { record } = await createCredential(documents, QE_ED, T0);
    await revokeCredential(documents, record.id, T0 + 1_000);
    expect((await revokeCredential(documents, record.id, T0 + 9_000)).revokedAt).toBe(
      '2026-01-12T10:00:01.000Z',
    );
    await expect(revokeCredential(documents, 'aaaaaaaaaaaa', T0)).rejects.toThrow('No credential has the id');
  });
});

describe('parseBearer', () => {
  it.each([
    { header: 'Bearer hvt_abc_def', token: 'hvt_abc_def' },
    { header: 'bearer hvt_abc_def', token: 'hvt_abc_def' },
    { header: 'Bearer  hvt_abc_def ', token: 'hvt_abc_def' },
    { header: undefined, token: undefined },
    { header: '', token: undefined },
    { header: 'Bearer', token: undefined },
    { header: 'Bearer ', token: undefined },
    { header: 'Basic dXNlcjpwYXNz', token: undefined },
    { header: 'Bearer a b', token: undefined },
    { header: 'hvt_abc_def', token: undefined },
  ])('"$header" -> $token', ({ header, token }) => {
    expect(parseBearer(header)).toBe(token);
  });
});

/** The same documents with `get` replaced, to count or fail reads. */
function withGet(documents: DocumentStore, get: DocumentStore['get']): DocumentStore {
  return {
    putIfAbsent: (collection, key, value) => documents.putIfAbsent(collection, key, value),
    put: (collection, key, value) => documents.put(collection, key, value),
    get,
    list: <T>(collection: string) => documents.list<T>(collection),
    delete: (collection, key) => documents.delete(collection, key),
  };
}

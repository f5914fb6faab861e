import type { DocumentStore } from '@handover/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialVerifier, listCredentials } from './credentials';
import { createDemoCredentials } from './demo-credentials';
import { referenceOrganisations } from './test-support/reference-organisations';
import { openTestDocuments, type TestDocuments } from './test-support/test-documents';

const orgs = referenceOrganisations();
const T0 = Date.parse('2026-01-12T10:00:00Z');

let store: TestDocuments;
let documents: DocumentStore;

beforeEach(async () => {
  store = await openTestDocuments();
  documents = store.documents;
});

afterEach(async () => {
  await store.close();
});

describe('createDemoCredentials', () => {
  it('creates one working credential per demo dashboard', async () => {
    const demo = await createDemoCredentials(documents, orgs, {
      busySiteCode: 'RRK15',
      ambulanceTrustCode: 'RYA',
      now: T0,
    });
    const verifier = new CredentialVerifier(documents);
    const principals = {
      admin: await verifier.verify(demo.admin.token),
      simulatorFeed: await verifier.verify(demo.simulatorFeed.token),
      englandViewer: await verifier.verify(demo.englandViewer.token),
      busySiteEd: await verifier.verify(demo.busySiteEd.token),
      ambulanceControl: await verifier.verify(demo.ambulanceControl.token),
    };
    expect(principals).toEqual({
      admin: expect.objectContaining({ role: 'admin', scope: { kind: 'england' } }),
      simulatorFeed: expect.objectContaining({ role: 'feed', scope: { kind: 'england' } }),
      englandViewer: expect.objectContaining({ role: 'viewer', scope: { kind: 'england' } }),
      busySiteEd: {
        credentialId: demo.busySiteEd.record.id,
        role: 'ed',
        scope: { kind: 'sites', codes: ['RRK15'] },
        label: 'Demo: Queen Elizabeth Hospital Birmingham ED',
      },
      ambulanceControl: expect.objectContaining({
        role: 'control',
        scope: { kind: 'ambulance_trust', code: 'RYA' },
      }),
    });
    const labels = (await listCredentials(documents)).map((record) => record.label);
    expect(labels).toHaveLength(5);
    expect(labels.every((label) => label.startsWith('Demo: '))).toBe(true);
  });

  it('refuses codes that are not known organisations, creating nothing', async () => {
    await expect(
      createDemoCredentials(documents, orgs, { busySiteCode: 'RRK02', ambulanceTrustCode: 'RYA', now: T0 }),
    ).rejects.toThrow('Demo site "RRK02" is not a known site');
    await expect(
      createDemoCredentials(documents, orgs, { busySiteCode: 'RRK15', ambulanceTrustCode: 'RRK', now: T0 }),
    ).rejects.toThrow('Demo ambulance trust "RRK" is not a known ambulance trust');
    expect(await listCredentials(documents)).toEqual([]);
  });
});

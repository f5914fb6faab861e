import type { DocumentStore } from '@handover/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialVerifier, listCredentials } from '../access/credentials';
import { referenceOrganisations } from '../access/test-support/reference-organisations';
import { openTestDocuments, type TestDocuments } from '../access/test-support/test-documents';
import {
  type CredentialsCommand,
  parseCredentialsCommand,
  runCredentialsCommand,
  UsageError,
} from './credentials';

const organisations = referenceOrganisations();
const T0 = Date.parse('2026-01-12T10:00:00Z');

describe('parseCredentialsCommand', () => {
  it.each<{ argv: string[]; command: CredentialsCommand }>([
    {
      argv: ['create', '--role', 'ed', '--scope', 'sites:RRK15,RRK97', '--label', 'QE ED wall'],
      command: {
        action: 'create',
        role: 'ed',
        scope: { kind: 'sites', codes: ['RRK15', 'RRK97'] },
        label: 'QE ED wall',
      },
    },
    {
      argv: ['create', '--role=viewer', '--scope=england', '--label=NHS England'],
      command: { action: 'create', role: 'viewer', scope: { kind: 'england' }, label: 'NHS England' },
    },
    {
      argv: ['create', '--role', 'viewer', '--scope', 'region:Y60', '--label', 'Midlands'],
      command: {
        action: 'create',
        role: 'viewer',
        scope: { kind: 'region', code: 'Y60' },
        label: 'Midlands',
      },
    },
    {
      argv: ['create', '--role', 'control', '--scope', 'ambulance_trust:RYA', '--label', 'WMAS'],
      command: {
        action: 'create',
        role: 'control',
        scope: { kind: 'ambulance_trust', code: 'RYA' },
        label: 'WMAS',
      },
    },
    { argv: ['revoke', 'abcdefgh2345'], command: { action: 'revoke', id: 'abcdefgh2345' } },
    { argv: ['list'], command: { action: 'list' } },
    { argv: [], command: { action: 'help' } },
    { argv: ['--help'], command: { action: 'help' } },
    { argv: ['create', '-h'], command: { action: 'help' } },
  ])('reads $argv', ({ argv, command }) => {
    expect(parseCredentialsCommand(argv)).toEqual(command);
  });

  it.each<{ argv: string[]; error: string }>([
    { argv: ['make'], error: 'Unknown command "make"' },
    {
      argv: ['create', '--role', 'ed', '--scope', 'sites:RRK15'],
      error: 'create needs --role, --scope and --label',
    },
    {
      argv: ['create', '--role', 'nurse', '--scope', 'sites:RRK15', '--label', 'x'],
      error: 'Unknown role "nurse"',
    },
    {
      argv: ['create', '--role', 'ed', '--scope', 'site:RRK15', '--label', 'x'],
      error: 'Unknown scope "site:RRK15"',
    },
    { argv: ['create', '--role', 'ed', '--scope', 'sites:RRK1', '--label', 'x'], error: 'malformed code' },
    { argv: ['create', '--colour', 'red'], error: "Unknown option '--colour'" },
    {
      argv: ['create', 'extra', '--role', 'ed', '--scope', 'england', '--label', 'x'],
      error: 'create does not take "extra"',
    },
    { argv: ['revoke'], error: 'revoke needs the id of the credential' },
    { argv: ['revoke', 'a', 'b'], error: 'revoke does not take "b"' },
    { argv: ['list', '--role', 'ed'], error: 'list does not take --role' },
  ])('refuses $argv', ({ argv, error }) => {
    expect(() => parseCredentialsCommand(argv)).toThrow(UsageError);
    expect(() => parseCredentialsCommand(argv)).toThrow(error);
  });
});

describe('runCredentialsCommand', () => {
  let store: TestDocuments;
  let documents: DocumentStore;
  let printed: string[];

  beforeEach(async () => {
    store = await openTestDocuments();
    documents = store.documents;
    printed = [];
  });

  afterEach(async () => {
    await store.close();
  });

  const run = (argv: string[], now = T0) =>
    runCredentialsCommand(parseCredentialsCommand(argv), {
      documents,
      organisations,
      now,
      print: (line) => printed.push(line),
    });

  it('creates a credential and prints its token once, with a warning', async () => {
    await run(['create', '--role', 'ed', '--scope', 'sites:RRK15', '--label', 'QE ED wall']);
    const tokens = printed.filter((line) => line.startsWith('hvt_'));
    expect(tokens).toHaveLength(1);
    expect(printed.join('\n')).toContain('shown once and cannot be shown again');
    const principal = await new CredentialVerifier(documents).verify(tokens[0] ?? '');
    expect(principal).toMatchObject({
      role: 'ed',
      label: 'QE ED wall',
      scope: { kind: 'sites', codes: ['RRK15'] },
    });
  });

  it('lists and revokes, never printing a token or hash again', async () => {
    await run(['create', '--role', 'viewer', '--scope', 'region:Y60', '--label', 'Midlands']);
    const token = printed.find((line) => line.startsWith('hvt_')) ?? '';
    const [record] = await listCredentials(documents);
    const id = record?.id ?? '';

    printed = [];
    await run(['list']);
    expect(printed).toEqual([
      `${id}  viewer  region:Y60  "Midlands"  created 2026-01-12T10:00:00.000Z  active`,
    ]);

    printed = [];
    await run(['revoke', id], T0 + 60_000);
    expect(printed[0]).toBe(
      `Revoked credential ${id}  viewer  region:Y60  "Midlands" at 2026-01-12T10:01:00.000Z`,
    );
    expect(await new CredentialVerifier(documents).verify(token)).toBeUndefined();

    printed = [];
    await run(['list']);
    expect(printed[0]).toMatch(/revoked 2026-01-12T10:01:00.000Z$/);
    expect(printed.join('\n')).not.toContain(token.slice(17));
  });

  it('refuses unknown organisation codes and role-scope misfits with a clear message', async () => {
    await expect(run(['create', '--role', 'ed', '--scope', 'sites:RRK02', '--label', 'x'])).rejects.toThrow(
      'names unknown code(s): RRK02',
    );
    await expect(run(['create', '--role', 'admin', '--scope', 'region:Y60', '--label', 'x'])).rejects.toThrow(
      'An admin credential cannot have the scope region:Y60: its scope must be england.',
    );
    await expect(run(['revoke', 'aaaaaaaaaaaa'])).rejects.toThrow('No credential has the id "aaaaaaaaaaaa"');
  });

  it('prints usage for help', async () => {
    await run(['help']);
    expect(printed.join('\n')).toContain('credentials create --role <role> --scope <scope> --label <text>');
  });
});

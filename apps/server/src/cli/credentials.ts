import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Organisations } from '@handover/domain';
import { ROLES, type Role, type Scope } from '@handover/protocol';
import { type DocumentStore, openEventStore } from '@handover/store';
import {
  type CredentialSummary,
  createCredential,
  listCredentials,
  revokeCredential,
} from '../access/credentials';
import { formatScope, parseScopeArgument, SCOPE_EXAMPLES } from '../access/scope-text';
import { loadConfig } from '../config';
import { loadReferenceOrganisations } from '../services/reference-data';

export { parseScopeArgument };

/**
 * Creates, revokes and lists bearer credentials in the configured store (REDIS_URL, else DATA_DIR):
 *   credentials create --role ed --scope sites:RRK15,RRK97 --label "QE ED wall"
 *   credentials revoke <id>
 *   credentials list
 */

const USAGE = `Usage:
  credentials create --role <role> --scope <scope> --label <text>
  credentials revoke <id>
  credentials list

Roles: ${ROLES.join(', ')}
Scopes: ${SCOPE_EXAMPLES.join(', ')}`;

export type CredentialsCommand =
  | { action: 'create'; role: Role; scope: Scope; label: string }
  | { action: 'revoke'; id: string }
  | { action: 'list' }
  | { action: 'help' };

/** A mistake in the command line: printed with the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseCredentialsCommand(argv: readonly string[]): CredentialsCommand {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [action, ...rest] = positionals;
  if (values.help === true || action === undefined || action === 'help') return { action: 'help' };

  switch (action) {
    case 'create': {
      noExtraArguments(action, rest);
      const { role, scope, label } = values;
      if (role === undefined || scope === undefined || label === undefined) {
        throw new UsageError('create needs --role, --scope and --label');
      }
      if (!(ROLES as readonly string[]).includes(role)) {
        throw new UsageError(`Unknown role "${role}" (expected one of: ${ROLES.join(', ')})`);
      }
      try {
        return { action, role: role as Role, scope: parseScopeArgument(scope), label };
      } catch (error) {
        throw new UsageError(error instanceof Error ? error.message : String(error));
      }
    }
    case 'revoke': {
      const [id, ...extra] = rest;
      if (id === undefined) throw new UsageError('revoke needs the id of the credential');
      noExtraArguments(action, extra);
      noOptions(action, values);
      return { action, id };
    }
    case 'list':
      noExtraArguments(action, rest);
      noOptions(action, values);
      return { action };
    default:
      throw new UsageError(`Unknown command "${action}"`);
  }
}

function parseOptions(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      role: { type: 'string' },
      scope: { type: 'string' },
      label: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function noExtraArguments(action: string, extra: readonly string[]): void {
  if (extra.length > 0) throw new UsageError(`${action} does not take "${extra.join(' ')}"`);
}

function noOptions(action: string, values: Record<string, unknown>): void {
  const given = ['role', 'scope', 'label'].filter((name) => values[name] !== undefined);
  if (given.length > 0) throw new UsageError(`${action} does not take --${given.join(', --')}`);
}

export interface CredentialsCommandContext {
  documents: DocumentStore;
  organisations: Organisations;
  /** Epoch ms. */
  now: number;
  print: (line: string) => void;
}

export async function runCredentialsCommand(
  command: CredentialsCommand,
  context: CredentialsCommandContext,
): Promise<void> {
  const { documents, organisations, now, print } = context;
  switch (command.action) {
    case 'help':
      print(USAGE);
      return;
    case 'create': {
      const { token, record } = await createCredential(documents, command, now, organisations);
      print(`Created credential ${describe(record)}`);
      print('');
      print(token);
      print('');
      print(
        'This token is shown once and cannot be shown again: store it now (revoke and recreate if lost).',
      );
      return;
    }
    case 'revoke': {
      const record = await revokeCredential(documents, command.id, now);
      print(`Revoked credential ${describe(record)} at ${record.revokedAt ?? ''}`);
      print('Every server instance refuses it within a few seconds.');
      return;
    }
    case 'list': {
      const records = await listCredentials(documents);
      if (records.length === 0) print('No credentials.');
      for (const record of records) {
        const status = record.revokedAt === undefined ? 'active' : `revoked ${record.revokedAt}`;
        print(`${describe(record)}  created ${record.createdAt}  ${status}`);
      }
      return;
    }
  }
}

function describe(record: CredentialSummary): string {
  return `${record.id}  ${record.role}  ${formatScope(record.scope)}  "${record.label}"`;
}

async function main(argv: readonly string[]): Promise<number> {
  let command: CredentialsCommand;
  try {
    command = parseCredentialsCommand(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.action === 'help') {
    console.log(USAGE);
    return 0;
  }

  try {
    const config = loadConfig();
    const organisations = loadReferenceOrganisations(process.env.REFERENCE_DIR);
    const store = await openEventStore({ redisUrl: config.redisUrl, dataDir: config.dataDir });
    try {
      await runCredentialsCommand(command, {
        documents: store.documents,
        organisations,
        now: Date.now(),
        print: (line) => console.log(line),
      });
    } finally {
      await store.close();
    }
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  process.exitCode = await main(process.argv.slice(2));
}

import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { isReplyError } from './redis-errors';

/**
 * The whole append in one atomic step: idempotency check, optimistic version check, XADD, and the
 * idempotency and version keys. KEYS: stream, idempotency key, version key.
 * ARGV: record JSON, idempotency TTL (s), version check ('none' | 'absent' | 'equal'), expected version.
 */
const APPEND_LUA = `
local original = redis.call('GET', KEYS[2])
if original then
  local entry = redis.call('XRANGE', KEYS[1], original, original)[1]
  if entry then
    local fields = entry[2]
    for i = 1, #fields, 2 do
      if fields[i] == 'r' then return {'duplicate', original, fields[i + 1]} end
    end
  end
  return {'duplicate', original}
end
local current = redis.call('GET', KEYS[3])
if (ARGV[3] == 'absent' and current) or (ARGV[3] == 'equal' and current ~= ARGV[4]) then
  return {'conflict', current or ''}
end
local id = redis.call('XADD', KEYS[1], '*', 'r', ARGV[1])
redis.call('SET', KEYS[2], id, 'EX', ARGV[2])
redis.call('SET', KEYS[3], id)
return {'appended', id}
`;

const APPEND_SHA = createHash('sha1').update(APPEND_LUA).digest('hex');

export interface AppendKeys {
  stream: string;
  idempotency: string;
  version: string;
}

export interface AppendArguments {
  recordJson: string;
  idempotencyTtlSeconds: number;
  expectedVersion: string | null | undefined;
}

export type AppendScriptReply =
  | { outcome: 'appended'; id: string }
  /** `recordJson` is missing when the original stream entry has been trimmed away. */
  | { outcome: 'duplicate'; id: string; recordJson: string | undefined }
  | { outcome: 'conflict'; currentVersion: string | null };

export async function loadAppendScript(redis: Redis): Promise<void> {
  await redis.script('LOAD', APPEND_LUA);
}

export async function runAppendScript(
  redis: Redis,
  keys: AppendKeys,
  args: AppendArguments,
): Promise<AppendScriptReply> {
  const { expectedVersion } = args;
  const versionCheck = expectedVersion === undefined ? 'none' : expectedVersion === null ? 'absent' : 'equal';
  const parameters = [
    keys.stream,
    keys.idempotency,
    keys.version,
    args.recordJson,
    args.idempotencyTtlSeconds,
    versionCheck,
    expectedVersion ?? '',
  ];
  let reply: unknown;
  try {
    reply = await redis.evalsha(APPEND_SHA, 3, ...parameters);
  } catch (error) {
    // A restarted Redis has an empty script cache: EVAL sends the source and caches it again.
    if (!isReplyError(error) || !error.message.startsWith('NOSCRIPT')) throw error;
    reply = await redis.eval(APPEND_LUA, 3, ...parameters);
  }
  return parseReply(reply);
}

function parseReply(reply: unknown): AppendScriptReply {
  if (Array.isArray(reply)) {
    const [outcome, value, recordJson]: unknown[] = reply;
    if (typeof value === 'string') {
      if (outcome === 'appended') return { outcome, id: value };
      if (outcome === 'conflict') return { outcome, currentVersion: value === '' ? null : value };
      if (outcome === 'duplicate') {
        return { outcome, id: value, recordJson: typeof recordJson === 'string' ? recordJson : undefined };
      }
    }
  }
  throw new Error(`Unexpected reply from the append script: ${JSON.stringify(reply)}`);
}

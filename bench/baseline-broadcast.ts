/**
 * The baseline: the smallest pipeline that does the product's job. A bare `ws` server reads the same
 * Redis stream with XREAD BLOCK and broadcasts each batch to its clients, filtered by the same scope
 * rule (so every client receives the same set of events as from the product). No validation, no
 * projection beyond where each handover is, no resume buffer, no back-pressure: what is left is the
 * unavoidable cost (durable write, stream read, JSON, fan-out, and the protocol's ping every 5 s, which
 * clients need for their clock offset), to compare the product against.
 *
 * On the same port, the barest durable ingest: POST /api/v1/events parses the body, appends it to the
 * stream (Redis with appendfsync always) and answers 201 with the entry's id. No schema, credential,
 * history check or projection: what the product's single-event ingest is measured against.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { PING_INTERVAL_MS, type Scope } from '@handover/protocol';
import { Redis } from 'ioredis';
import { type WebSocket, WebSocketServer } from 'ws';
import { serveRpc } from './lib/rpc';
import { inScope, type Whereabouts } from './lib/scopes';

export type BaselineApi = {
  start: { args: { redisUrl: string; streamKey: string }; result: { port: number } };
};

/** A stream entry's record: the fields the filter needs, the rest passed through untouched. */
interface StreamRecord {
  event: { handoverId: string; siteCode?: string; ambulanceTrustCode?: string };
  cursor?: string;
}

interface Client {
  socket: WebSocket;
  scope: Scope;
  scopeKey: string;
}

const clients = new Set<Client>();
const whereabouts = new Map<string, Whereabouts>();
let lastId = '0-0';

const BASELINE_ACTOR = { credentialId: 'baseline', role: 'feed', label: 'Baseline' };

async function start(redisUrl: string, streamKey: string): Promise<{ port: number }> {
  // As the product's store: commands issued in the same tick share one write to Redis.
  const writer = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableAutoPipelining: true });
  const http = createServer((request, response) => {
    ingest(writer, streamKey, request, response).catch((error: unknown) => {
      response.writeHead(503, { 'content-type': 'text/plain' }).end(String(error));
    });
  });
  const server = new WebSocketServer({ server: http, path: '/ws', perMessageDeflate: false });
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  server.on('connection', (socket) => {
    socket.once('message', (data) => {
      const hello = JSON.parse(data.toString()) as { scope: Scope };
      const client = { socket, scope: hello.scope, scopeKey: JSON.stringify(hello.scope) };
      socket.send(
        JSON.stringify({ type: 'snapshot', cursor: lastId, serverTime: Date.now(), handovers: [] }),
      );
      clients.add(client);
      socket.on('close', () => clients.delete(client));
    });
  });
  // RESP2, as the product's store uses: XREAD answers [[stream, entries]].
  setInterval(() => {
    const ping = JSON.stringify({ type: 'ping', serverTime: Date.now() });
    for (const client of clients) client.socket.send(ping);
  }, PING_INTERVAL_MS);
  const reader = new Redis(redisUrl, { maxRetriesPerRequest: null, protocol: 2 });
  void follow(reader, streamKey);
  const address = http.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return { port: address.port };
}

async function ingest(
  writer: Redis,
  streamKey: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'POST' || request.url !== '/api/v1/events') {
    response.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const event = parseObject(Buffer.concat(chunks).toString('utf8'));
  if (event === undefined) {
    response.writeHead(400).end();
    return;
  }
  const recordedAt = new Date().toISOString();
  const cursor = await writer.xadd(
    streamKey,
    '*',
    'r',
    JSON.stringify({ event, recordedAt, actor: BASELINE_ACTOR }),
  );
  response.writeHead(201, { 'content-type': 'application/json' }).end(
    JSON.stringify({
      outcome: 'accepted',
      eventId: event.eventId,
      handoverId: event.handoverId,
      cursor,
      recordedAt,
    }),
  );
}

async function follow(reader: Redis, streamKey: string): Promise<void> {
  for (;;) {
    const reply = (await reader.call('XREAD', 'COUNT', 500, 'BLOCK', 5000, 'STREAMS', streamKey, lastId)) as
      | [string, [string, string[]][]][]
      | null;
    const entries = reply?.[0]?.[1] ?? [];
    const batch: { record: StreamRecord; where: Whereabouts }[] = [];
    for (const [id, fields] of entries) {
      lastId = id;
      const record = JSON.parse(fields[1] ?? '{}') as StreamRecord;
      record.cursor = id;
      const { handoverId, siteCode, ambulanceTrustCode } = record.event;
      if (siteCode !== undefined && ambulanceTrustCode !== undefined) {
        whereabouts.set(handoverId, { siteCode, ambulanceTrustCode });
      }
      const where = whereabouts.get(handoverId);
      if (where !== undefined) batch.push({ record, where });
    }
    if (batch.length > 0) broadcast(batch);
  }
}

function broadcast(batch: { record: StreamRecord; where: Whereabouts }[]): void {
  const byScope = new Map<string, string | null>();
  for (const client of clients) {
    let payload = byScope.get(client.scopeKey);
    if (payload === undefined) {
      const events = batch.filter((b) => inScope(client.scope, b.where)).map((b) => b.record);
      payload = events.length > 0 ? JSON.stringify({ type: 'events', events }) : null;
      byScope.set(client.scopeKey, payload);
    }
    if (payload !== null) client.socket.send(payload);
  }
}

function parseObject(text: string): { eventId?: unknown; handoverId?: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

serveRpc<BaselineApi>({ start: ({ redisUrl, streamKey }) => start(redisUrl, streamKey) });

/**
 * The baseline: the smallest pipeline that does the live hub's job. A bare `ws` server reads the same
 * Redis stream with XREAD BLOCK and broadcasts each batch to its clients, filtered by the same scope
 * rule (so every client receives the same set of events as from the product). No validation, no
 * projection beyond where each handover is, no resume buffer, no back-pressure: what is left is the
 * unavoidable cost (durable write, stream read, JSON, fan-out, and the protocol's ping every 5 s, which
 * clients need for their clock offset), to compare the product against.
 */
import { once } from 'node:events';
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

async function start(redisUrl: string, streamKey: string): Promise<{ port: number }> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, path: '/ws', perMessageDeflate: false });
  await once(server, 'listening');
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
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return { port: address.port };
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

serveRpc<BaselineApi>({ start: ({ redisUrl, streamKey }) => start(redisUrl, streamKey) });

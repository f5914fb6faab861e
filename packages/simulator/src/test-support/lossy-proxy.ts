import { once } from 'node:events';
import { createServer, request as forward, type IncomingMessage, type Server } from 'node:http';

/**
 * A proxy in front of the server that loses answers: the first time it sees a batch it forwards it,
 * waits for the server's complete answer (so the events are recorded), then cuts the connection
 * instead of passing the answer on. The sender sees a network error for a batch that did get through,
 * the worst case for a retry.
 */
export interface LossyProxy {
  url: string;
  /** Answers withheld so far. */
  dropped(): number;
  close(): Promise<void>;
}

export async function startLossyProxy(target: string): Promise<LossyProxy> {
  const upstream = new URL(target);
  const seen = new Set<string>();
  let dropped = 0;
  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const first = !seen.has(body);
    seen.add(body);
    const upstreamReq = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
      },
      async (upstreamRes) => {
        const answer = await readBody(upstreamRes);
        if (first && req.url === '/api/v1/events/batch') {
          dropped += 1;
          req.socket.destroy();
          return;
        }
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        res.end(answer);
      },
    );
    upstreamReq.on('error', () => req.socket.destroy());
    upstreamReq.end(body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    dropped: () => dropped,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

async function readBody(stream: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

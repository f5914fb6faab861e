import { once } from 'node:events';
import { createServer, request } from 'node:http';
import { connect, type Socket } from 'node:net';

/**
 * A tiny load balancer in front of server instances: forwards HTTP requests and websocket upgrades to
 * the current target, and can be switched to another when one dies. The browser keeps one origin, so
 * the same page has to reconnect and resume, as behind a real balancer.
 */
export interface BalancerProxy {
  readonly url: string;
  readonly target: string;
  /** New requests and connections go to `target` from now on (open ones stay where they are). */
  switchTo(target: string): void;
  close(): Promise<void>;
}

export async function startBalancerProxy(initialTarget: string): Promise<BalancerProxy> {
  let target = new URL(initialTarget);
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  };

  const server = createServer((incoming, outgoing) => {
    const upstream = request(
      {
        host: target.hostname,
        port: Number(target.port),
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
        // No pooled connections: a pooled one to a dead instance would fail the next request.
        agent: false,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(upstream);
  });

  server.on('upgrade', (incoming, client: Socket, head: Buffer) => {
    track(client);
    const upstream = connect({ host: target.hostname, port: Number(target.port) });
    track(upstream);
    // Either side ending ends both: the browser sees its websocket drop when the instance dies.
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      socket.on('error', end);
      socket.on('close', end);
    }
    upstream.on('connect', () => {
      const lines = [`${incoming.method} ${incoming.url} HTTP/${incoming.httpVersion}`];
      for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
        lines.push(`${incoming.rawHeaders[i]}: ${incoming.rawHeaders[i + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
  });
  server.on('connection', track);

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    get target() {
      return target.origin;
    },
    switchTo(next: string) {
      target = new URL(next);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { post } from './keep-alive-client';

const servers: Server[] = [];

/** A real node:http server on a free port; `handle` answers each request, given its body. */
async function serve(handle: (request: IncomingMessage, body: string, response: ServerResponse) => void) {
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
    });
    request.on('end', () => handle(request, body, response));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(resolve);
        }),
    ),
  );
});

describe('the bench keep-alive client', () => {
  it('sends the path, headers and body, and reads a Content-Length answer', async () => {
    const origin = await serve((request, body, response) => {
      response.writeHead(201, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ url: request.url, auth: request.headers.authorization, body }));
    });
    const answer = await post(`${origin}/api/v1/events?x=1`, { authorization: 'Bearer t' }, '{"é":1}');
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.text)).toEqual({ url: '/api/v1/events?x=1', auth: 'Bearer t', body: '{"é":1}' });
  });

  it('reads a chunked answer', async () => {
    const origin = await serve((_request, _body, response) => {
      response.writeHead(200);
      response.write('first, ');
      response.end('second £');
    });
    expect(await post(`${origin}/`, {}, '')).toEqual({ status: 200, text: 'first, second £' });
  });

  it('keeps the connection open: sequential requests share one socket', async () => {
    const ports = new Set<number | undefined>();
    const origin = await serve((request, _body, response) => {
      ports.add(request.socket.remotePort);
      response.end('ok');
    });
    for (let i = 0; i < 5; i++) await post(`${origin}/`, {}, String(i));
    expect(ports.size).toBe(1);
  });

  it('opens a new connection when the server closed the idle one', async () => {
    const ports = new Set<number | undefined>();
    const origin = await serve((request, _body, response) => {
      ports.add(request.socket.remotePort);
      response.setHeader('connection', 'close');
      response.end('bye');
    });
    expect((await post(`${origin}/`, {}, '')).text).toBe('bye');
    expect((await post(`${origin}/`, {}, '')).text).toBe('bye');
    expect(ports.size).toBe(2);
  });

  it('rejects when the server drops the connection before answering', async () => {
    const origin = await serve((request) => {
      request.socket.destroy();
    });
    await expect(post(`${origin}/`, {}, '')).rejects.toThrow();
  });

  it('rejects when nothing listens', async () => {
    const origin = await serve(() => undefined);
    const server = servers.pop();
    await new Promise((resolve) => server?.close(resolve));
    await expect(post(`${origin}/`, {}, '')).rejects.toThrow(/ECONNREFUSED/);
  });
});

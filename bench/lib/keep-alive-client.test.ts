import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import {
  type AddressInfo,
  createServer as createTcpServer,
  type Socket,
  type Server as TcpServer,
} from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { post } from './keep-alive-client';

/** How to stop each server a test started, sockets and all. */
const stops: (() => Promise<void>)[] = [];

function stopOnCleanup(server: Server | TcpServer, sockets: () => void): void {
  stops.push(
    () =>
      new Promise((resolve) => {
        sockets();
        server.close(() => resolve());
      }),
  );
}

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
  stopOnCleanup(server, () => server.closeAllConnections());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * A bare TCP server for byte-level answers: `answer` gets the socket once a whole request (head and
 * Content-Length body) is in, and its request count on that connection.
 */
async function serveRaw(answer: (socket: Socket, count: number) => Promise<void> | void) {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    let buffered = '';
    let count = 0;
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      buffered += chunk;
      const headEnd = buffered.indexOf('\r\n\r\n');
      const length = Number(/content-length: (\d+)/.exec(buffered)?.[1] ?? 0);
      if (headEnd < 0 || buffered.length < headEnd + 4 + length) return;
      buffered = buffered.slice(headEnd + 4 + length);
      void answer(socket, ++count);
    });
  });
  stopOnCleanup(server, () => {
    for (const socket of sockets) socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
});

describe('the bench keep-alive client', () => {
  it('sends the path, headers and body, and reads a Content-Length answer', async () => {
    const origin = await serve((request, body, response) => {
      // Headers not yet sent when end() writes the body: node:http frames it with Content-Length.
      response.statusCode = 201;
      response.setHeader('content-type', 'application/json');
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

  it('reads an answer whose head and body arrive in pieces', async () => {
    const origin = await serveRaw(async (socket) => {
      for (const piece of ['HTTP/1.1 200 OK\r\ncontent-le', 'ngth: 11\r\n\r', '\nhello', ' world']) {
        socket.write(piece);
        await sleep(5);
      }
    });
    expect(await post(`${origin}/`, {}, 'x')).toEqual({ status: 200, text: 'hello world' });
  });

  it('reads a chunked answer split inside a chunk', async () => {
    const origin = await serveRaw(async (socket) => {
      for (const piece of [
        'HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhel',
        'lo\r\n0\r\n\r\n',
      ]) {
        socket.write(piece);
        await sleep(5);
      }
    });
    expect(await post(`${origin}/`, {}, '')).toEqual({ status: 200, text: 'hello' });
  });

  it('skips an interim answer, and reads a 204 without a body on the same connection', async () => {
    const origin = await serveRaw((socket, count) => {
      socket.write(
        count === 1
          ? 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n'
          : 'HTTP/1.1 201 Created\r\ncontent-length: 2\r\n\r\nok',
      );
    });
    expect(await post(`${origin}/`, {}, '')).toEqual({ status: 204, text: '' });
    expect(await post(`${origin}/`, {}, '')).toEqual({ status: 201, text: 'ok' });
  });

  it('reads a body that runs until the server closes', async () => {
    const origin = await serveRaw((socket) => {
      socket.end('HTTP/1.1 502 Bad Gateway\r\ncontent-type: text/html\r\n\r\n<h1>proxy error</h1>');
    });
    expect(await post(`${origin}/`, {}, '')).toEqual({ status: 502, text: '<h1>proxy error</h1>' });
  });

  it('rejects a malformed chunk size instead of waiting for ever', async () => {
    const origin = await serveRaw((socket) => {
      socket.write('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\nhello\r\n');
    });
    await expect(post(`${origin}/`, {}, '')).rejects.toThrow(/chunk size/);
  });

  it('gives up on a server that never answers', async () => {
    const origin = await serveRaw(() => undefined);
    await expect(post(`${origin}/`, {}, '', 100)).rejects.toThrow(/no answer within 100 ms/);
  });

  it('refuses anything but plain HTTP', async () => {
    await expect(post('https://127.0.0.1:1/', {}, '')).rejects.toThrow(/plain HTTP/);
  });

  it('rejects when the server drops the connection before answering', async () => {
    const origin = await serve((request) => {
      request.socket.destroy();
    });
    await expect(post(`${origin}/`, {}, '')).rejects.toThrow();
  });

  it('rejects when nothing listens', async () => {
    const origin = await serve(() => undefined);
    await stops.pop()?.();
    await expect(post(`${origin}/`, {}, '')).rejects.toThrow(/ECONNREFUSED/);
  });
});

import { connect, type Socket } from 'node:net';

/**
 * The bench's HTTP/1.1 client: keep-alive connections, one request at a time on each, each request
 * written in one call. On this 2-core machine the sender shares the CPU with the instance it measures,
 * so what it spends per request is taken from the figure being measured: undici cost the sender about
 * 190 µs per request (half a core at 3,000 requests/s), most of it in its dispatcher and parser.
 */

export interface RawAnswer {
  status: number;
  text: string;
}

const HEAD_END = Buffer.from('\r\n\r\n');
/** A server that has not answered by then is stuck: the bench reports it rather than waiting for ever. */
const ANSWER_TIMEOUT_MS = 120_000;

/** Free connections by origin ("host:port"); a request takes one or opens a new one. */
const idle = new Map<string, Connection[]>();

export async function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs = ANSWER_TIMEOUT_MS,
): Promise<RawAnswer> {
  const { protocol, hostname, port, pathname, search } = new URL(url);
  if (protocol !== 'http:') throw new Error(`The bench's client speaks plain HTTP only, not ${protocol}`);
  const origin = `${hostname}:${port || 80}`;
  const free = idle.get(origin) ?? [];
  idle.set(origin, free);
  // A server may have closed an idle connection (its keep-alive timeout): skip those.
  let connection = free.pop();
  while (connection !== undefined && !connection.reusable) connection = free.pop();
  connection ??= new Connection(hostname.replace(/^\[(.*)\]$/, '$1'), Number(port || 80));
  let head = `POST ${pathname}${search} HTTP/1.1\r\nhost: ${origin}\r\ncontent-length: ${Buffer.byteLength(body)}\r\n`;
  for (const [name, value] of Object.entries(headers)) head += `${name}: ${value}\r\n`;
  const answer = await connection.exchange(`${head}\r\n${body}`, timeoutMs);
  if (connection.reusable) free.push(connection);
  return answer;
}

interface Waiting {
  resolve: (answer: RawAnswer) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  /** Set once the head of an answer whose body runs until the server closes has been read. */
  untilClose?: { status: number; bodyStart: number };
}

class Connection {
  private readonly socket: Socket;
  private received: Buffer = Buffer.alloc(0);
  private waiting: Waiting | undefined;
  private failure: Error | undefined;
  reusable = true;

  constructor(host: string, port: number) {
    this.socket = connect({ host, port, noDelay: true });
    this.socket.on('data', (chunk: Buffer) => {
      this.received = this.received.length === 0 ? chunk : Buffer.concat([this.received, chunk]);
      if (this.waiting === undefined) {
        this.fail(new Error('the server sent bytes no request asked for'));
        return;
      }
      try {
        this.answerIfComplete();
      } catch (error) {
        this.fail(error as Error);
      }
    });
    // The server closed its side: an answer framed by the close is complete; nothing more can be sent.
    this.socket.on('end', () => {
      const framed = this.waiting?.untilClose;
      if (this.waiting !== undefined && framed !== undefined) {
        const text = this.received.toString('utf8', framed.bodyStart);
        this.settle({ status: framed.status, text });
      }
      this.fail(new Error('connection closed by the server'));
    });
    this.socket.on('error', (error) => this.fail(error));
    this.socket.on('close', () => this.fail(new Error('connection closed by the server')));
  }

  exchange(request: string, timeoutMs: number): Promise<RawAnswer> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      this.waiting = { resolve, reject, timer };
      // Idle connections do not keep the process alive; one in use does.
      this.socket.ref();
      this.socket.write(request);
    });
  }

  private fail(error: Error): void {
    this.reusable = false;
    this.failure ??= error;
    clearTimeout(this.waiting?.timer);
    this.waiting?.reject(error);
    this.waiting = undefined;
    this.socket.destroy();
  }

  private settle(answer: RawAnswer): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    this.received = Buffer.alloc(0);
    this.socket.unref();
    clearTimeout(waiting?.timer);
    waiting?.resolve(answer);
  }

  private answerIfComplete(): void {
    if (this.waiting?.untilClose !== undefined) return;
    const headEnd = this.received.indexOf(HEAD_END);
    if (headEnd < 0) return;
    const head = this.received.toString('latin1', 0, headEnd);
    const status = Number(head.slice(9, 12));
    const bodyStart = headEnd + HEAD_END.length;
    if (!head.startsWith('HTTP/1.') || !Number.isInteger(status))
      throw new Error(`not an HTTP answer: ${head}`);
    if (status < 200) {
      // An interim answer (100 Continue, say): the real one follows.
      this.received = this.received.subarray(bodyStart);
      this.answerIfComplete();
      return;
    }
    let body: { text: string; end: number } | undefined;
    if (/\r\ntransfer-encoding:[^\r]*chunked/i.test(head)) body = dechunk(this.received, bodyStart);
    else if (/\r\ncontent-length:/i.test(head)) body = fixedLength(this.received, bodyStart, head);
    else if (status === 204 || status === 304) body = { text: '', end: bodyStart };
    else if (this.waiting !== undefined) {
      this.waiting.untilClose = { status, bodyStart };
      return;
    }
    if (body === undefined) return;
    if (body.end < this.received.length) throw new Error('the server sent more than one answer');
    if (/\r\nconnection:\s*close/i.test(head)) {
      this.reusable = false;
      this.socket.end();
    }
    this.settle({ status, text: body.text });
  }
}

function fixedLength(data: Buffer, start: number, head: string): { text: string; end: number } | undefined {
  const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1]);
  if (!Number.isSafeInteger(length)) throw new Error(`a bad Content-Length in: ${head}`);
  if (data.length < start + length) return undefined;
  return { text: data.toString('utf8', start, start + length), end: start + length };
}

/** A chunked body, once its last chunk is in; no trailers (none of the servers measured sends them). */
function dechunk(data: Buffer, start: number): { text: string; end: number } | undefined {
  const parts: Buffer[] = [];
  let at = start;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = Number.parseInt(data.toString('latin1', at, lineEnd), 16);
    if (!Number.isSafeInteger(size) || size < 0) throw new Error('a bad chunk size');
    const chunkEnd = lineEnd + 2 + size;
    if (data.length < chunkEnd + 2) return undefined;
    if (size === 0) return { text: Buffer.concat(parts).toString('utf8'), end: chunkEnd + 2 };
    parts.push(data.subarray(lineEnd + 2, chunkEnd));
    at = chunkEnd + 2;
  }
}

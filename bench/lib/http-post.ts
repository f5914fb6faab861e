import { Agent, request } from 'node:http';

/** Keep-alive connections, as a feed holding its connections open would use. */
const agent = new Agent({ keepAlive: true, maxSockets: 128 });

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/** POSTs JSON with a bearer token; resolves with the status and parsed body (rejects on network errors). */
export function postJson(url: string, token: string, payload: unknown): Promise<HttpAnswer> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // Not JSON (a proxy error page, say): keep the text for the error message.
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The per-event statuses of a POST /api/v1/events/batch answer (by index), or undefined if malformed. */
export function batchStatuses(body: unknown, count: number): number[] | undefined {
  if (typeof body !== 'object' || body === null || !('results' in body) || !Array.isArray(body.results)) {
    return undefined;
  }
  const statuses = new Array<number>(count).fill(0);
  for (const result of body.results as unknown[]) {
    if (typeof result !== 'object' || result === null) continue;
    const { index, status } = result as { index?: unknown; status?: unknown };
    if (typeof index === 'number' && typeof status === 'number') statuses[index] = status;
  }
  return statuses;
}

/** A short description of a refused answer, for the bench's error log. */
export function describeRefusal(answer: HttpAnswer): string {
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  return `${answer.status} ${text.slice(0, 200)}`;
}

export function destroyHttpAgent(): void {
  agent.destroy();
}

import { post } from './keep-alive-client';

export interface HttpAnswer {
  status: number;
  body: unknown;
}

/** POSTs JSON with a bearer token; resolves with the status and parsed body (rejects on network errors). */
export async function postJson(url: string, token: string, payload: unknown): Promise<HttpAnswer> {
  const answer = await post(
    url,
    { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    JSON.stringify(payload),
  );
  let parsed: unknown = answer.text;
  try {
    parsed = JSON.parse(answer.text);
  } catch {
    // Not JSON (a proxy error page, say): keep the text for the error message.
  }
  return { status: answer.status, body: parsed };
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

import { randomUUID } from 'node:crypto';
import type {
  ArrivedEvent,
  HandedOverEvent,
  HandoverEvent,
  ReleaseRequestedEvent,
  ReleaseRespondedEvent,
} from '@handover/domain';

/** The public REST API, as an ambulance system or the simulator uses it. */

export const MINUTE_MS = 60_000;
export const iso = (epochMs: number) => new Date(epochMs).toISOString();
export const minutesAgo = (minutes: number) => iso(Date.now() - minutes * MINUTE_MS);

let serial = 0;
/** A callsign no other test (or run) uses: up to 16 letters and digits. */
export function uniqueCallsign(prefix = 'WM'): string {
  serial += 1;
  const salt = Math.floor(Math.random() * 36 ** 3)
    .toString(36)
    .toUpperCase();
  return `${prefix}${serial}${salt}`.slice(0, 16);
}

export function arrival(
  fields: { siteCode?: string; ambulanceTrustCode?: string; callsign?: string; at?: string } = {},
): ArrivedEvent {
  return {
    type: 'arrived',
    eventId: randomUUID(),
    handoverId: randomUUID(),
    at: fields.at ?? iso(Date.now() - 1_000),
    siteCode: fields.siteCode ?? 'RRK15',
    ambulanceTrustCode: fields.ambulanceTrustCode ?? 'RYA',
    callsign: fields.callsign ?? uniqueCallsign(),
    category: 2,
  };
}

export function handedOver(handoverId: string, by: 'crew' | 'ed', at = iso(Date.now())): HandedOverEvent {
  return { type: 'handed_over', eventId: randomUUID(), handoverId, at, by };
}

export function releaseRequested(handoverId: string, at = iso(Date.now())): ReleaseRequestedEvent {
  return { type: 'release_requested', eventId: randomUUID(), handoverId, at };
}

export function releaseResponded(
  handoverId: string,
  outcome: 'released' | 'declined',
  at = iso(Date.now()),
): ReleaseRespondedEvent {
  return { type: 'release_responded', eventId: randomUUID(), handoverId, at, outcome };
}

export interface PostResult {
  status: number;
  body: { outcome?: string; error?: { code: string; message: string } } & Record<string, unknown>;
  /** Epoch ms when the answer was received. */
  answeredAt: number;
}

/** The handover as GET /api/v1/handovers/:id shows it (the fields the tests read). */
export interface HandoverView {
  handoverId: string;
  siteCode: string;
  callsign: string;
  state: string;
  arrivedAt: string | null;
  crewHandedOverAt: string | null;
  edHandedOverAt: string | null;
  releaseRequests: { requestedAt: string; respondedAt: string | null; outcome: string | null }[];
}

export class Api {
  constructor(readonly baseUrl: string) {}

  async post(token: string, event: HandoverEvent): Promise<PostResult> {
    const response = await fetch(`${this.baseUrl}/api/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    const body = (await response.json()) as PostResult['body'];
    return { status: response.status, body, answeredAt: Date.now() };
  }

  /** Posts and insists the event was accepted (201). */
  async record(token: string, event: HandoverEvent): Promise<PostResult> {
    const result = await this.post(token, event);
    if (result.status !== 201) {
      throw new Error(`${event.type} was not accepted: ${result.status} ${JSON.stringify(result.body)}`);
    }
    return result;
  }

  async get<T>(token: string, path: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, body: (await response.json()) as T };
  }

  async handover(token: string, handoverId: string): Promise<HandoverView> {
    const { status, body } = await this.get<HandoverView>(token, `/api/v1/handovers/${handoverId}`);
    if (status !== 200) throw new Error(`GET handover ${handoverId}: ${status} ${JSON.stringify(body)}`);
    return body;
  }

  /** Every handover at a site the credential may see (up to 1000), newest arrival first. */
  async handoversAt(token: string, siteCode: string): Promise<HandoverView[]> {
    const { status, body } = await this.get<{ handovers: HandoverView[] }>(
      token,
      `/api/v1/handovers?siteCode=${siteCode}&limit=1000`,
    );
    if (status !== 200) throw new Error(`GET handovers at ${siteCode}: ${status} ${JSON.stringify(body)}`);
    return body.handovers;
  }
}

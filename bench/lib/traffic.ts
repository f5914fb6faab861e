import { randomUUID } from 'node:crypto';
import type { HandoverEvent } from '@handover/domain';
import type { BenchSite } from './reference';
import type { Whereabouts } from './scopes';

/** One event to send, with where its handover is (what the live hub filters on). */
export interface TrafficEvent {
  event: HandoverEvent;
  where: Whereabouts;
}

interface OpenHandover extends Whereabouts {
  handoverId: string;
}

/**
 * Follow-ups wait at least this long after the previous event was acknowledged. Real ones come minutes
 * later; posting them within milliseconds through another instance would test that instance's lag behind
 * the store (a separate probe does that) rather than delivery.
 */
export const MIN_FOLLOW_UP_MS = 1_000;

/** Handovers waiting for their next event, oldest first. */
class Queue {
  private items: { handover: OpenHandover; readyAt: number }[] = [];
  private head = 0;

  get length(): number {
    return this.items.length - this.head;
  }

  push(handover: OpenHandover, readyAt: number): void {
    this.items.push({ handover, readyAt });
  }

  /** The oldest handover, if it has waited long enough. */
  takeReady(now: number): OpenHandover | undefined {
    const first = this.items[this.head];
    if (first === undefined || first.readyAt > now) return undefined;
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return first.handover;
  }
}

/**
 * Realistic handover traffic: arrivals at random sites (brought by a regional ambulance trust), then
 * the clinical handover, then the crew clearing, oldest first. Follow-ups are only generated for
 * handovers with no event in flight, so every handover's events reach the server in order.
 */
export class HandoverTraffic {
  private readonly waiting = new Queue();
  private readonly handedOver = new Queue();
  private readonly inFlight = new Map<
    string,
    { handover: OpenHandover; next: 'waiting' | 'handed' | 'done' }
  >();
  private serial = 0;

  constructor(
    private readonly sites: readonly BenchSite[],
    private readonly random: () => number = Math.random,
  ) {}

  get openCount(): number {
    return this.waiting.length + this.handedOver.length + this.inFlight.size;
  }

  /** An arrival at `atMs`; `siteCodes` limits where (default: any site). */
  arrival(atMs: number, siteCodes?: readonly string[]): TrafficEvent {
    const site = this.pickSite(siteCodes);
    const trusts = site.ambulanceTrusts;
    // Mostly the home (first regional) trust, sometimes a neighbour.
    const ambulanceTrustCode =
      (this.random() < 0.85 ? trusts[0] : trusts[Math.floor(this.random() * trusts.length)]) ?? 'RYA';
    this.serial += 1;
    const handover: OpenHandover = { handoverId: randomUUID(), siteCode: site.code, ambulanceTrustCode };
    const event: HandoverEvent = {
      type: 'arrived',
      eventId: randomUUID(),
      handoverId: handover.handoverId,
      at: new Date(atMs).toISOString(),
      siteCode: site.code,
      ambulanceTrustCode,
      callsign: `B${this.serial.toString(36).toUpperCase()}`,
      category: this.random() < 0.6 ? 2 : 3,
    };
    this.inFlight.set(event.eventId, { handover, next: 'waiting' });
    return { event, where: handover };
  }

  /** The next event of a steady mix (about a third each of arrivals, handovers and clears). */
  next(atMs: number): TrafficEvent {
    const roll = this.random();
    const queue = roll < 1 / 3 ? undefined : roll < 2 / 3 ? this.waiting : this.handedOver;
    const handover = queue?.takeReady(atMs);
    if (handover === undefined) return this.arrival(atMs);
    const base = { eventId: randomUUID(), handoverId: handover.handoverId, at: new Date(atMs).toISOString() };
    const event: HandoverEvent =
      queue === this.waiting ? { type: 'handed_over', ...base, by: 'crew' } : { type: 'cleared', ...base };
    this.inFlight.set(event.eventId, { handover, next: queue === this.waiting ? 'handed' : 'done' });
    return { event, where: handover };
  }

  /** The server's answer to an event: accepted events move the handover on, refused ones drop it. */
  settled(eventId: string, accepted: boolean): void {
    const flight = this.inFlight.get(eventId);
    if (flight === undefined) return;
    this.inFlight.delete(eventId);
    if (!accepted) return;
    const readyAt = Date.now() + MIN_FOLLOW_UP_MS;
    if (flight.next === 'waiting') this.waiting.push(flight.handover, readyAt);
    else if (flight.next === 'handed') this.handedOver.push(flight.handover, readyAt);
  }

  private pickSite(siteCodes?: readonly string[]): BenchSite {
    const pool =
      siteCodes === undefined ? this.sites : this.sites.filter((site) => siteCodes.includes(site.code));
    const site = pool[Math.floor(this.random() * pool.length)];
    if (site === undefined) throw new Error(`No site among ${siteCodes?.join(', ') ?? 'the reference'}`);
    return site;
  }
}

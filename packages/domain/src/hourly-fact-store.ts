import type { Handover } from './handover';
import { addFactToPartial, factOf, type HandoverFact, sameFact } from './handover-facts';
import { emptyPartial, type MetricsContext, type MetricsPartial } from './metrics';
import type { Period } from './period';
import { HOUR_MS, type Thresholds, type ThresholdsTable, thresholdsAt } from './thresholds';

/**
 * The reports engine's running aggregate: one compact fact per handover (handover-facts.ts), kept in
 * columns of typed arrays, partitioned by the UTC hour of arrival (London's offsets are whole hours, so
 * these are also London hours). Maintained as events arrive (`replace`: take the handover's old
 * contribution out, put the new one in) and rebuilt from the log by replaying it.
 *
 * Why facts and not counters per site per hour: nationally a (site, ambulance trust, hour) group holds
 * about three handovers, so a set of ~26 exact counters per group is no smaller than the ~25 bytes of
 * facts it would summarise, and exact percentiles need every duration anyway. Facts keep everything
 * exact (counts, integer-ms sums, percentiles), answer any [start, end) to the millisecond, and a query
 * costs time in proportion to the handovers in its period, never to the length of the history.
 *
 * Pure: no clock (the caller passes `asAt`), no I/O.
 */

const FLAG_CLOSED = 1;
const FLAG_DISPUTED = 2;
const FLAG_CORRECTED = 4;
/** Set when the slot has an entry in `releases`, so most slots skip the map lookup. */
const FLAG_RELEASES = 8;
const MAX_CODES = 65_536;
const INITIAL_CAPACITY = 16;
const SLOTS_PER_BUCKET = 4;

/** A group of handovers: those conveyed by one ambulance trust to one site. */
export interface GroupPartial {
  siteCode: string;
  ambulanceTrustCode: string;
  partial: MetricsPartial;
}

export interface FactStoreStats {
  facts: number;
  hours: number;
  /** Bytes held by the columns (allocated capacity) and the release side tables, estimated. */
  bytes: number;
}

interface ReleaseFigures {
  requests: number;
  released: number;
  responseMs: readonly number[];
}

const NO_RELEASES: ReleaseFigures = { requests: 0, released: 0, responseMs: [] };

/** Codes stored as small integers, so a fact's site and trust take two bytes each. */
class CodeTable {
  readonly codes: string[] = [];
  private readonly ids = new Map<string, number>();

  idOf(code: string): number {
    let id = this.ids.get(code);
    if (id === undefined) {
      id = this.codes.length;
      if (id >= MAX_CODES) throw new RangeError(`More than ${MAX_CODES} distinct codes`);
      this.codes.push(code);
      this.ids.set(code, id);
    }
    return id;
  }

  existingId(code: string): number | undefined {
    return this.ids.get(code);
  }

  codeOf(id: number): string {
    return this.codes[id] ?? '';
  }
}

/**
 * The facts of one hour, one typed array per field. Slots are unordered; removal swaps in the last.
 * Slots are chained by (arrival offset, site) in a small hash index, so finding a handover's fact walks
 * a few slots rather than the whole hour (a burst or a backfill puts tens of thousands in one hour).
 */
class HourBlock {
  count = 0;
  arrivalOffset: Uint32Array;
  site: Uint16Array;
  ambulance: Uint16Array;
  handoverMs: Float64Array;
  clearMs: Float64Array;
  flags: Uint8Array;
  /** Only the slots of facts with release requests (a small share of handovers). */
  readonly releases = new Map<number, ReleaseFigures>();
  /** Per bucket, its first slot (-1: none); one bucket per `SLOTS_PER_BUCKET` slots of capacity. */
  private heads = new Int32Array(0);
  /** Per slot, the next slot in its bucket's chain (-1: the end). */
  private next = new Int32Array(0);
  private bucketBits = 1;

  constructor(capacity: number) {
    this.arrivalOffset = new Uint32Array(capacity);
    this.site = new Uint16Array(capacity);
    this.ambulance = new Uint16Array(capacity);
    this.handoverMs = new Float64Array(capacity);
    this.clearMs = new Float64Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.rebuildIndex();
  }

  push(offset: number, site: number, ambulance: number, fact: HandoverFact): void {
    if (this.count === this.site.length) this.grow();
    const slot = this.count++;
    this.arrivalOffset[slot] = offset;
    this.site[slot] = site;
    this.ambulance[slot] = ambulance;
    this.handoverMs[slot] = fact.handoverMs;
    this.clearMs[slot] = fact.clearMs;
    this.flags[slot] = flagsOf(fact) | (fact.releaseRequests > 0 ? FLAG_RELEASES : 0);
    if (fact.releaseRequests > 0) {
      this.releases.set(slot, {
        requests: fact.releaseRequests,
        released: fact.releaseReleased,
        responseMs: [...fact.releaseResponseMs],
      });
    }
    this.link(slot);
  }

  /** The slot holding a fact equal to the given fields, or -1. */
  find(offset: number, site: number, ambulance: number, fact: HandoverFact): number {
    const flags = flagsOf(fact) | (fact.releaseRequests > 0 ? FLAG_RELEASES : 0);
    let slot = this.heads[this.bucketOf(offset, site)] ?? -1;
    for (; slot !== -1; slot = this.next[slot] ?? -1) {
      if (
        this.arrivalOffset[slot] === offset &&
        this.site[slot] === site &&
        this.ambulance[slot] === ambulance &&
        this.flags[slot] === flags &&
        Object.is(this.handoverMs[slot], fact.handoverMs) &&
        Object.is(this.clearMs[slot], fact.clearMs) &&
        sameReleases(this.releases.get(slot) ?? NO_RELEASES, fact)
      ) {
        return slot;
      }
    }
    return -1;
  }

  removeAt(slot: number): void {
    this.unlink(slot);
    const last = --this.count;
    this.releases.delete(slot);
    if (slot === last) return;
    this.unlink(last);
    this.arrivalOffset[slot] = this.arrivalOffset[last] ?? 0;
    this.site[slot] = this.site[last] ?? 0;
    this.ambulance[slot] = this.ambulance[last] ?? 0;
    this.handoverMs[slot] = this.handoverMs[last] ?? Number.NaN;
    this.clearMs[slot] = this.clearMs[last] ?? Number.NaN;
    this.flags[slot] = this.flags[last] ?? 0;
    this.link(slot);
    const moved = this.releases.get(last);
    if (moved !== undefined) {
      this.releases.delete(last);
      this.releases.set(slot, moved);
    }
  }

  bytes(): number {
    // 25 bytes per slot of capacity, 5 more for the index, plus a rough 64 bytes per release entry.
    return this.site.length * 30 + this.releases.size * 64;
  }

  private grow(): void {
    const capacity = Math.max(INITIAL_CAPACITY, this.site.length * 2);
    this.arrivalOffset = grown(this.arrivalOffset, new Uint32Array(capacity));
    this.site = grown(this.site, new Uint16Array(capacity));
    this.ambulance = grown(this.ambulance, new Uint16Array(capacity));
    this.handoverMs = grown(this.handoverMs, new Float64Array(capacity));
    this.clearMs = grown(this.clearMs, new Float64Array(capacity));
    this.flags = grown(this.flags, new Uint8Array(capacity));
    this.rebuildIndex();
  }

  /** Sizes the index to the capacity (chains of about `SLOTS_PER_BUCKET` when full) and fills it. */
  private rebuildIndex(): void {
    this.bucketBits = Math.max(1, Math.ceil(Math.log2(this.site.length / SLOTS_PER_BUCKET)));
    this.heads = new Int32Array(2 ** this.bucketBits).fill(-1);
    this.next = new Int32Array(this.site.length);
    for (let slot = 0; slot < this.count; slot++) this.link(slot);
  }

  /** Multiplicative hashing: arrival offsets are often whole seconds or minutes, so low bits are poor. */
  private bucketOf(offset: number, site: number): number {
    return (Math.imul(offset, 0x9e3779b1) ^ Math.imul(site, 0x85ebca6b)) >>> (32 - this.bucketBits);
  }

  private link(slot: number): void {
    const bucket = this.bucketOf(this.arrivalOffset[slot] ?? 0, this.site[slot] ?? 0);
    this.next[slot] = this.heads[bucket] ?? -1;
    this.heads[bucket] = slot;
  }

  private unlink(slot: number): void {
    const bucket = this.bucketOf(this.arrivalOffset[slot] ?? 0, this.site[slot] ?? 0);
    const after = this.next[slot] ?? -1;
    let at = this.heads[bucket] ?? -1;
    if (at === slot) {
      this.heads[bucket] = after;
      return;
    }
    while (at !== -1) {
      const following = this.next[at] ?? -1;
      if (following === slot) {
        this.next[at] = after;
        return;
      }
      at = following;
    }
  }
}

function grown<T extends Uint8Array | Uint16Array | Uint32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

function flagsOf(fact: HandoverFact): number {
  return (
    (fact.closed ? FLAG_CLOSED : 0) |
    (fact.disputed ? FLAG_DISPUTED : 0) |
    (fact.corrected ? FLAG_CORRECTED : 0)
  );
}

function sameReleases(stored: ReleaseFigures, fact: HandoverFact): boolean {
  return (
    stored.requests === fact.releaseRequests &&
    stored.released === fact.releaseReleased &&
    stored.responseMs.length === fact.releaseResponseMs.length &&
    stored.responseMs.every((value, index) => value === fact.releaseResponseMs[index])
  );
}

function hourOf(instant: number): number {
  return Math.floor(instant / HOUR_MS) * HOUR_MS;
}

export class HourlyFactStore {
  private readonly blocks = new Map<number, HourBlock>();
  private readonly sites = new CodeTable();
  private readonly ambulanceTrusts = new CodeTable();
  private factCount = 0;

  /** `thresholds` judges each handover by the rules in force at its arrival. */
  constructor(private readonly thresholds: ThresholdsTable) {}

  get size(): number {
    return this.factCount;
  }

  /** The rules a handover arriving at `instant` is judged by. */
  thresholdsFor(instant: number): Thresholds {
    const only = this.thresholds.length === 1 ? this.thresholds[0] : undefined;
    if (only !== undefined && only.effectiveFrom <= instant) return only;
    return thresholdsAt(this.thresholds, instant);
  }

  private sameRulesAllHour(hour: number): boolean {
    return this.thresholds.every(
      (rules) => rules.effectiveFrom <= hour || rules.effectiveFrom >= hour + HOUR_MS,
    );
  }

  /** The fact of a handover as this store judges it (undefined when it does not count). */
  factOf(handover: Handover): HandoverFact | undefined {
    if (handover.arrivedAt === undefined) return undefined;
    return factOf(handover, this.thresholdsFor(handover.arrivedAt));
  }

  add(fact: HandoverFact): void {
    const hour = hourOf(fact.arrivedAt);
    let block = this.blocks.get(hour);
    if (block === undefined) {
      block = new HourBlock(0);
      this.blocks.set(hour, block);
    }
    block.push(
      fact.arrivedAt - hour,
      this.sites.idOf(fact.siteCode),
      this.ambulanceTrusts.idOf(fact.ambulanceTrustCode),
      fact,
    );
    this.factCount++;
  }

  /** Removes one fact equal to `fact`; false when there is none. */
  remove(fact: HandoverFact): boolean {
    const hour = hourOf(fact.arrivedAt);
    const block = this.blocks.get(hour);
    const site = this.sites.existingId(fact.siteCode);
    const ambulance = this.ambulanceTrusts.existingId(fact.ambulanceTrustCode);
    if (block === undefined || site === undefined || ambulance === undefined) return false;
    const slot = block.find(fact.arrivedAt - hour, site, ambulance, fact);
    if (slot === -1) return false;
    block.removeAt(slot);
    if (block.count === 0) this.blocks.delete(hour);
    this.factCount--;
    return true;
  }

  /**
   * A handover changed from `previous` (undefined: it is new) to `next`: its old contribution is taken
   * out and the new one put in. Throws when the old contribution is not there, which means this store
   * missed an earlier change of that handover (a bug: the reports would be wrong from then on).
   */
  replace(previous: Handover | undefined, next: Handover | undefined): void {
    const before = previous === undefined ? undefined : this.factOf(previous);
    const after = next === undefined ? undefined : this.factOf(next);
    if (before !== undefined && after !== undefined && sameFact(before, after)) return;
    if (before !== undefined && !this.remove(before)) {
      throw new Error(`The reports engine has no contribution for handover ${previous?.handoverId}`);
    }
    if (after !== undefined) this.add(after);
  }

  /**
   * The partial of every (site, ambulance trust) group for the handovers that arrived in `period`, as at
   * `asAt` (which decides still open versus time unknown). `include` narrows the groups (a scope).
   * Groups without handovers in the period are absent.
   */
  partialsByGroup(
    period: Period,
    asAt: number,
    include: (siteCode: string, ambulanceTrustCode: string) => boolean = () => true,
  ): GroupPartial[] {
    // Per site id, per ambulance trust id: the group's partial, or null when `include` leaves it out.
    const partials: (MetricsPartial | null | undefined)[][] = [];
    const fact: HandoverFact = {
      siteCode: '',
      ambulanceTrustCode: '',
      arrivedAt: 0,
      handoverMs: 0,
      clearMs: 0,
      closed: false,
      disputed: false,
      corrected: false,
      releaseRequests: 0,
      releaseReleased: 0,
      releaseResponseMs: [],
    };
    const context: MetricsContext = { now: asAt, thresholds: this.thresholdsFor(period.start) };

    for (let hour = hourOf(period.start); hour < period.end; hour += HOUR_MS) {
      const block = this.blocks.get(hour);
      if (block === undefined) continue;
      const wholeHour = hour >= period.start && hour + HOUR_MS <= period.end;
      // One lookup per hour, unless a new version of the rules starts inside it.
      const hourRules = this.sameRulesAllHour(hour) ? this.thresholdsFor(hour) : undefined;
      for (let slot = 0; slot < block.count; slot++) {
        const arrivedAt = hour + (block.arrivalOffset[slot] ?? 0);
        if (!wholeHour && (arrivedAt < period.start || arrivedAt >= period.end)) continue;
        const site = block.site[slot] ?? 0;
        const ambulance = block.ambulance[slot] ?? 0;
        let ofSite = partials[site];
        if (ofSite === undefined) {
          ofSite = [];
          partials[site] = ofSite;
        }
        let partial = ofSite[ambulance];
        if (partial === undefined) {
          partial = include(this.sites.codeOf(site), this.ambulanceTrusts.codeOf(ambulance))
            ? emptyPartial()
            : null;
          ofSite[ambulance] = partial;
        }
        if (partial === null) continue;
        const flags = block.flags[slot] ?? 0;
        const releases =
          (flags & FLAG_RELEASES) === 0 ? NO_RELEASES : (block.releases.get(slot) ?? NO_RELEASES);
        fact.arrivedAt = arrivedAt;
        fact.handoverMs = block.handoverMs[slot] ?? Number.NaN;
        fact.clearMs = block.clearMs[slot] ?? Number.NaN;
        fact.closed = (flags & FLAG_CLOSED) !== 0;
        fact.disputed = (flags & FLAG_DISPUTED) !== 0;
        fact.corrected = (flags & FLAG_CORRECTED) !== 0;
        fact.releaseRequests = releases.requests;
        fact.releaseReleased = releases.released;
        fact.releaseResponseMs = releases.responseMs;
        context.thresholds = hourRules ?? this.thresholdsFor(arrivedAt);
        addFactToPartial(partial, fact, context);
      }
    }

    const groups: GroupPartial[] = [];
    partials.forEach((ofSite, site) => {
      ofSite.forEach((partial, ambulance) => {
        if (partial === null || partial === undefined) return;
        const siteCode = this.sites.codeOf(site);
        groups.push({ siteCode, ambulanceTrustCode: this.ambulanceTrusts.codeOf(ambulance), partial });
      });
    });
    return groups;
  }

  stats(): FactStoreStats {
    let bytes = 0;
    for (const block of this.blocks.values()) bytes += block.bytes();
    return { facts: this.factCount, hours: this.blocks.size, bytes };
  }
}

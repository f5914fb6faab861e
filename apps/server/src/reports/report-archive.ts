import { applyRevision, type LocalDate, type ReportTable, type TableRevision } from '@handover/domain';
import type { DocumentStore } from '@handover/store';
import type { ReportKind, ReportKindName } from './report-kinds';

/**
 * Frozen reports and their revisions in the store's documents, kept forever and shared by every
 * instance. One document per version, under `<date>/v<n>` in the collection `<kind>.<YYYY-MM>`:
 * version 1 holds the whole table as frozen at the cut-off; each later version holds only its revision
 * (the cells that changed), so a version's table is version 1 with revisions 2..n applied. Every version
 * is written with putIfAbsent, so however many instances race, each version number is written once and
 * a stored document never changes. A small index (`<kind>.index`, one entry per date) serves listings.
 */

export interface ReportVersionDocument {
  schema: 1;
  kind: ReportKindName;
  date: LocalDate;
  version: number;
  status: string;
  period: { start: string; end: string };
  /** The moment the figures are as at: the cut-off for version 1, the revision check for later ones. */
  asAt: string;
  createdAt: string;
  /** The instance that wrote it (INSTANCE_ID). */
  createdBy: string;
  thresholdsVersion: string;
  /** Version 1: the whole table. */
  table?: ReportTable;
  /** Version 2 on: what changed since the previous version. */
  revision?: TableRevision;
}

export interface ReportIndexEntry {
  date: LocalDate;
  period: { start: string; end: string };
  latestVersion: number;
  status: string;
  frozenAt: string;
  updatedAt: string;
}

/** A version with its table, and a summary of every version of its date. */
export interface MaterialisedVersion {
  document: ReportVersionDocument;
  table: ReportTable;
  versions: VersionSummary[];
}

export interface VersionSummary {
  version: number;
  status: string;
  asAt: string;
  createdAt: string;
  changedCells: number;
}

// Documents never change once written, so they can be cached; the bound keeps memory flat.
const CACHED_DATES = 64;

export class ReportArchive {
  private readonly cache = new Map<LocalDate, ReportVersionDocument[]>();

  constructor(
    private readonly documents: DocumentStore,
    readonly kind: ReportKind,
  ) {}

  /** Stores a new version; false when that version of that date already exists (another instance won). */
  async store(document: ReportVersionDocument): Promise<boolean> {
    const stored = await this.documents.putIfAbsent(
      this.collectionOf(document.date),
      versionKey(document.date, document.version),
      document,
    );
    if (!stored) return false;
    await this.updateIndex(document);
    return true;
  }

  async exists(date: LocalDate, version = 1): Promise<boolean> {
    const cached = this.cache.get(date);
    if (cached !== undefined && cached.length >= version) return true;
    return (await this.documents.get(this.collectionOf(date), versionKey(date, version))) !== undefined;
  }

  /** Every stored version of a date, oldest first (empty when none). */
  async versions(date: LocalDate): Promise<ReportVersionDocument[]> {
    const known = [...(this.cache.get(date) ?? [])];
    for (;;) {
      const next = await this.documents.get<ReportVersionDocument>(
        this.collectionOf(date),
        versionKey(date, known.length + 1),
      );
      if (next === undefined) break;
      known.push(next);
    }
    if (known.length > 0) this.remember(date, known);
    return known;
  }

  /** A version (default: the latest) with its table; undefined when that version does not exist. */
  async materialise(date: LocalDate, version?: number): Promise<MaterialisedVersion | undefined> {
    const all = await this.versions(date);
    const wanted = version ?? all.length;
    const document = all[wanted - 1];
    if (document === undefined) return undefined;
    let table: ReportTable | undefined;
    for (const each of all.slice(0, wanted)) {
      if (each.table !== undefined) table = each.table;
      else if (each.revision !== undefined && table !== undefined)
        table = applyRevision(table, each.revision);
    }
    if (table === undefined) throw new Error(`Report ${this.kind.name} ${date} v1 has no table`);
    return { document, table, versions: all.map(summarise) };
  }

  /** The index of stored reports, by date. */
  async list(): Promise<ReportIndexEntry[]> {
    const entries = await this.documents.list<ReportIndexEntry>(this.indexCollection());
    return entries.map((entry) => entry.value);
  }

  private async updateIndex(document: ReportVersionDocument): Promise<void> {
    const collection = this.indexCollection();
    const current = await this.documents.get<ReportIndexEntry>(collection, document.date);
    // Two instances writing versions n and n+1 at once could cross; the higher number wins, and readers
    // find later versions by looking for them in any case.
    if (current !== undefined && current.latestVersion >= document.version) return;
    await this.documents.put(collection, document.date, {
      date: document.date,
      period: document.period,
      latestVersion: document.version,
      status: document.status,
      frozenAt: current?.frozenAt ?? document.asAt,
      updatedAt: document.createdAt,
    } satisfies ReportIndexEntry);
  }

  private remember(date: LocalDate, documents: ReportVersionDocument[]): void {
    this.cache.delete(date);
    this.cache.set(date, documents);
    if (this.cache.size > CACHED_DATES) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }

  private collectionOf(date: LocalDate): string {
    return `${this.kind.collection}.${date.slice(0, 7)}`;
  }

  private indexCollection(): string {
    return `${this.kind.collection}.index`;
  }
}

function versionKey(date: LocalDate, version: number): string {
  return `${date}/v${version}`;
}

function summarise(document: ReportVersionDocument): VersionSummary {
  return {
    version: document.version,
    status: document.status,
    asAt: document.asAt,
    createdAt: document.createdAt,
    changedCells: document.revision?.changes.length ?? 0,
  };
}

import { addDays, diffTables, type LocalDate } from '@handover/domain';
import type { FastifyBaseLogger } from 'fastify';
import type { AppliedEvent } from '../live/live-projection';
import type { ReportArchive, ReportVersionDocument } from './report-archive';
import type { BuiltVersion, Due, ReportKind } from './report-kinds';
import type { ReportService } from './report-service';

/**
 * Freezes each report when it falls due and revises it while it can still be amended.
 *
 * Freezing is exact: a report is frozen from the events recorded up to its cut-off. This instance applies
 * events in log order, so the report is built just before the first event recorded after the cut-off is
 * applied (during the start-up replay as well, which is how a cut-off missed while no instance ran is
 * frozen on start, from exactly what had been recorded by then). If no event follows the cut-off, a tick
 * a few seconds after it freezes the report. Every instance builds the same table from the same log;
 * putIfAbsent keeps the first one written, so there is exactly one version 1 per report.
 *
 * Revisions: every REPORT_REVISION_MINUTES, each report still within the amendment window is rebuilt as
 * at now and compared with its latest version; any changed cell makes a new version listing the changes.
 */

export interface SnapshotSchedulerOptions {
  service: ReportService;
  archives: readonly ReportArchive[];
  now: () => number;
  instanceId: string;
  amendmentWindowDays: number;
  revisionIntervalMs: number;
  log: FastifyBaseLogger;
}

/** How long after a cut-off a quiet instance waits for late-arriving events before freezing anyway. */
export const FREEZE_GRACE_MS = 5_000;
const TICK_MS = 5_000;
const DAY_MS = 86_400_000;

export class SnapshotScheduler {
  /** Per report kind, the next report to freeze. */
  private readonly pending = new Map<ReportArchive, Due>();
  private writes: Promise<void> = Promise.resolve();
  private revising: Promise<void> | undefined;
  private lastRevisionAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  /** Frozen versions whose write failed (store unreachable): kept and written again at each tick. */
  private unwritten: { archive: ReportArchive; document: ReportVersionDocument }[] = [];

  constructor(private readonly options: SnapshotSchedulerOptions) {}

  /** Finds what is due: the latest report of each kind unless already frozen, else the next one. */
  async init(): Promise<void> {
    const now = this.options.now();
    for (const archive of this.options.archives) {
      const latest = archive.kind.latestDue(now);
      const frozen = await archive.exists(latest.date);
      this.pending.set(archive, frozen ? nextDue(archive.kind, latest) : latest);
    }
  }

  /** The projection's listener: freezes what falls due before each event, then applies it. */
  onApplied(applied: readonly AppliedEvent[]): void {
    for (const { recorded, handover, previous } of applied) {
      this.freezePassed(Date.parse(recorded.recordedAt));
      try {
        this.options.service.applyChange(previous, handover);
      } catch (error) {
        // A bug, and the reports are wrong until a restart rebuilds them; the live feed must go on.
        this.options.log.error(
          { err: error, cursor: recorded.cursor },
          'reports engine lost track of a handover',
        );
      }
    }
  }

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), TICK_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.settled();
  }

  /** Freezes reports whose cut-off passed more than the grace ago, and runs revisions when due. */
  tick(): void {
    const now = this.options.now();
    for (const { archive, document } of this.unwritten.splice(0)) void this.write(archive, document);
    this.freezePassed(now - FREEZE_GRACE_MS);
    if (now - this.lastRevisionAt >= this.options.revisionIntervalMs && this.revising === undefined) {
      this.lastRevisionAt = now;
      void this.reviseNow();
    }
  }

  /** Resolves when every freeze and revision started so far is written. */
  async settled(): Promise<void> {
    await this.revising;
    await this.writes;
  }

  /**
   * Checks every report still within the amendment window for changes and stores a new version for each
   * that changed. Runs one after another; never rejects (a failure is logged, the next check retries).
   */
  reviseNow(): Promise<void> {
    const run: Promise<void> = (this.revising ?? Promise.resolve())
      .then(async () => {
        for (const archive of this.options.archives) await this.reviseKind(archive);
      })
      .catch((error: unknown) => this.options.log.error({ err: error }, 'report revision failed'))
      .finally(() => {
        if (this.revising === run) this.revising = undefined;
      });
    this.revising = run;
    return run;
  }

  /** Freezes, in order, every pending report whose cut-off is before `instant`. */
  private freezePassed(instant: number): void {
    for (const archive of this.options.archives) {
      let due = this.pending.get(archive);
      while (due !== undefined && instant > due.at) {
        this.freeze(archive, due);
        due = nextDue(archive.kind, due);
        this.pending.set(archive, due);
      }
    }
  }

  private freeze(archive: ReportArchive, due: Due): void {
    const built = archive.kind.build(due.date, due.at);
    const document = this.document(archive, due.date, 1, due.at, built);
    document.table = built.table;
    void this.write(archive, document);
  }

  private async reviseKind(archive: ReportArchive): Promise<void> {
    const now = this.options.now();
    const { kind } = archive;
    let date = kind.latestDue(now).date;
    while (kind.dueOf(date).at + this.options.amendmentWindowDays * DAY_MS >= now) {
      await this.revise(archive, date, now);
      date = addDays(date, -1);
    }
  }

  private async revise(archive: ReportArchive, date: LocalDate, now: number): Promise<void> {
    const latest = await archive.materialise(date);
    if (latest === undefined) return;
    const built = archive.kind.build(date, now);
    const revision = diffTables(latest.table, built.table);
    if (revision === undefined) return;
    const document = this.document(archive, date, latest.document.version + 1, now, built);
    document.revision = revision;
    await this.write(archive, document);
  }

  private document(
    archive: ReportArchive,
    date: LocalDate,
    version: number,
    asAt: number,
    built: BuiltVersion,
  ): ReportVersionDocument {
    return {
      schema: 1,
      kind: archive.kind.name,
      date,
      version,
      status: archive.kind.statusOf(version, built),
      period: {
        start: new Date(built.period.start).toISOString(),
        end: new Date(built.period.end).toISOString(),
      },
      asAt: new Date(asAt).toISOString(),
      createdAt: new Date(this.options.now()).toISOString(),
      createdBy: this.options.instanceId,
      thresholdsVersion: built.thresholdsVersion,
    };
  }

  /**
   * Writes in order, one at a time; a version another instance already wrote is left as it is. Never
   * rejects: a failed write is logged; a frozen version (which cannot be rebuilt later) is kept to be
   * written again at the next tick, a revision is simply found again by the next check.
   */
  private write(archive: ReportArchive, document: ReportVersionDocument): Promise<void> {
    const { log } = this.options;
    const where = { report: document.kind, date: document.date, version: document.version };
    this.writes = this.writes
      .then(async () => {
        const stored = await archive.store(document);
        log.info(
          { ...where, stored },
          stored ? 'report version stored' : 'report version already stored by another instance',
        );
      })
      .catch((error: unknown) => {
        log.error({ err: error, ...where }, 'report version not stored');
        if (document.version === 1) this.unwritten.push({ archive, document });
      });
    return this.writes;
  }
}

function nextDue(kind: ReportKind, due: Due): Due {
  return kind.dueOf(addDays(due.date, 1));
}

import type { SimulationProgress, SimulationReport } from './run-simulation';
import type { SendStats } from './send-stats';

/**
 * What a person watching a run sees. On a terminal, one status line rewritten in place; in a log (not a
 * TTY), a line at every 10% of a run with an end, or once a minute at real time, so logs stay short.
 */

export interface TextOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

const LIVE_LOG_EVERY_MS = 60_000;

export class ProgressDisplay {
  private lastDecile = -1;
  private lastLiveLineAt = Number.NEGATIVE_INFINITY;
  private onLine = false;

  constructor(
    private readonly out: TextOutput,
    private readonly now: () => number = Date.now,
  ) {}

  update(progress: SimulationProgress): void {
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[2K${progressLine(progress)}`);
      this.onLine = true;
      return;
    }
    if (progress.fraction !== undefined) {
      const decile = Math.floor(progress.fraction * 10);
      if (decile <= this.lastDecile) return;
      this.lastDecile = decile;
    } else {
      if (this.now() - this.lastLiveLineAt < LIVE_LOG_EVERY_MS) return;
      this.lastLiveLineAt = this.now();
    }
    this.out.write(`${progressLine(progress)}\n`);
  }

  /** Ends the in-place line so what follows starts on a line of its own. */
  finish(): void {
    if (this.onLine) this.out.write('\n');
    this.onLine = false;
  }
}

export function progressLine(progress: SimulationProgress): string {
  const { stats } = progress;
  const parts: string[] = [progress.mode];
  if (progress.fraction !== undefined) parts.push(`${(progress.fraction * 100).toFixed(1).padStart(5)}%`);
  else if (progress.realTime) parts.push('real time');
  parts.push(`at ${londonTime(progress.simulatedAt)}`);
  parts.push(`${count(answeredOf(stats))} events (${outcomes(stats)})`);
  parts.push(`${rate(stats.eventsPerSecond)}/s`);
  if (progress.etaMs !== undefined) parts.push(`ETA ${duration(progress.etaMs)}`);
  if (stats.retries > 0) parts.push(`${count(stats.retries)} retries`);
  return parts.join('  ');
}

/** The lines printed when a run ends. */
export function summaryLines(report: SimulationReport, what: string): string[] {
  const { stats } = report;
  const lines: string[] = [];
  const verb = report.stopped ? 'stopped' : 'done';
  const head = `${report.mode} ${verb} after ${duration(stats.elapsedMs)}: ${count(stats.submitted)} events of ${count(report.handovers)} handovers`;
  lines.push(`${head}, ${rate(stats.eventsPerSecond)} events/s`);
  if (report.mode === 'backfill' && !report.stopped && stats.accepted === 0 && stats.duplicates > 0) {
    lines.push(`  ${what} already present: 0 new (${count(stats.duplicates)} duplicates)`);
  } else {
    lines.push(`  ${outcomes(stats)}`);
  }
  if (stats.retries > 0) lines.push(`  retries: ${count(stats.retries)} (re-sent with the same eventIds)`);
  for (const [code, n] of sorted(stats.rejectedByCode)) lines.push(`  rejected ${code}: ${count(n)}`);
  for (const [reason, n] of sorted(stats.failedByReason)) {
    lines.push(`  not delivered (${reason}): ${count(n)}; a later run re-sends them safely`);
  }
  for (const [role, n] of sorted(stats.skippedByRole)) {
    lines.push(`  skipped: no credential for ${role}: ${count(n)}`);
  }
  if (stats.unsent > 0) lines.push(`  left unsent when stopped: ${count(stats.unsent)}`);
  return lines;
}

function outcomes(stats: SendStats): string {
  return `${count(stats.accepted)} new, ${count(stats.duplicates)} already present, ${count(stats.rejected)} rejected`;
}

function answeredOf(stats: SendStats): number {
  return stats.accepted + stats.duplicates + stats.rejected;
}

function sorted(counts: Partial<Record<string, number>>): [string, number][] {
  return Object.entries(counts)
    .filter((entry): entry is [string, number] => entry[1] !== undefined && entry[1] > 0)
    .sort((a, b) => b[1] - a[1]);
}

/** Events per second: a decimal while there are few (live traffic is about one a second). */
function rate(perSecond: number): string {
  return perSecond < 10 ? perSecond.toFixed(1) : count(Math.round(perSecond));
}

export function count(n: number): string {
  return n.toLocaleString('en-GB');
}

/** "42s", "3m 07s", "1h 04m". */
export function duration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "Tue 12 May, 14:05:09" on the London wall clock. */
export function londonTime(instant: number): string {
  return LONDON_TIME.format(instant);
}

import type { BrowserCostResult } from '../browser-cost';
import type { CrossInstanceProbeResult } from './cross-instance-probe';
import type { DeliveryRow } from './delivery-scenario';
import type { IngestRow } from './ingest';
import type { MachineInfo } from './machine';
import type { ReportTimings } from './reports-timings';
import type { StormResult } from './storm';

/** Everything one run measured: what results.json holds and RESULTS.md shows. */
export interface BenchResults {
  startedAt: string;
  command: string;
  mode: 'quick' | 'full';
  durationS: number;
  machine: MachineInfo;
  /**
   * Load averages (1, 5, 15 min) before and after, the highest 1-minute one seen during the run, and the share
   * of the machine's CPU time the hypervisor gave to other guests during it.
   */
  load: { before: number[]; after: number[]; highest1m: number; stealPercent: number };
  delivery: DeliveryRow[];
  storm?: StormResult;
  ingest?: IngestRow[];
  crossInstance?: CrossInstanceProbeResult;
  browser?: BrowserCostResult;
  reports?: ReportTimings;
  targets: TargetCheck[];
  /** Sections that could not run, with why. */
  errors: string[];
}

export interface TargetCheck {
  target: string;
  measured: string;
  /** null: not measured in this run (a quick run, or the section failed). */
  pass: boolean | null;
}

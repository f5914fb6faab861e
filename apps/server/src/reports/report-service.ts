import {
  type BuiltReport,
  build1600Report,
  buildDailyReturn,
  type ComplianceMetrics,
  type DailyReturnStatus,
  finaliseMetrics,
  groupRows,
  type Handover,
  HourlyFactStore,
  type LocalDate,
  mergeAllPartials,
  type Organisations,
  type Period,
  type ReportLevel,
  type ReportPeriodOptions,
  type ReportRow,
  type ThresholdsTable,
} from '@handover/domain';
import type { Scope } from '@handover/protocol';
import { matchesScope } from '../access/access-rules';

export interface ReportServiceOptions {
  organisations: Organisations;
  thresholds: ThresholdsTable;
  /** The 16:00 report's cut-off and length (REPORT_CUTOFF, REPORT_PERIOD_HOURS). */
  period: Required<Pick<ReportPeriodOptions, 'cutoff' | 'lengthHours'>>;
}

export interface ComplianceAnswer {
  period: Period;
  asAt: number;
  thresholdsVersion: string;
  total: ComplianceMetrics;
  rows: ReportRow[];
}

/**
 * The reports engine of one server instance: the fact store (the running aggregate, fed with every
 * handover change the projection applies, so rebuilt from the log at every start by the replay) and
 * the reports built from it as at any moment.
 */
export class ReportService {
  readonly facts: HourlyFactStore;

  constructor(private readonly options: ReportServiceOptions) {
    this.facts = new HourlyFactStore(options.thresholds);
  }

  get periodOptions(): ReportServiceOptions['period'] {
    return this.options.period;
  }

  /** A handover changed (previous undefined: it is new). */
  applyChange(previous: Handover | undefined, next: Handover): void {
    this.facts.replace(previous, next);
  }

  report1600(reportDate: LocalDate, asAt: number): BuiltReport {
    return build1600Report(this.facts, this.options.organisations, reportDate, asAt, this.options.period);
  }

  dailyReturn(date: LocalDate, asAt: number): BuiltReport & { status: DailyReturnStatus } {
    return buildDailyReturn(this.facts, this.options.organisations, date, asAt);
  }

  /** Any period, grouped by one level, counting only the handovers `scope` covers. */
  compliance(period: Period, asAt: number, groupBy: ReportLevel, scope: Scope): ComplianceAnswer {
    const { organisations } = this.options;
    const groups = this.facts.partialsByGroup(period, asAt, (siteCode, ambulanceTrustCode) =>
      matchesScope(scope, { siteCode, ambulanceTrustCode }, organisations),
    );
    const thresholds = this.facts.thresholdsFor(period.start);
    return {
      period,
      asAt,
      thresholdsVersion: thresholds.version,
      total: finaliseMetrics(mergeAllPartials(groups.map((group) => group.partial)), thresholds),
      rows: groupRows(groups, groupBy, organisations, thresholds),
    };
  }
}

import '../../shared/ui/figure-card.css';
import type { ReportRecord } from './report-api';
import {
  bandMinutesOf,
  formatCount,
  formatDuration,
  formatHours,
  formatPct,
  numberCell,
  textCell,
} from './report-rows';

interface Figure {
  column: string;
  label: string;
  value: string;
  note?: string;
  /** Below the Standard Contract, or any handover over the longest band: marked in words too. */
  alert?: boolean;
}

/**
 * The headline figures of one row (England, or the scope's total): handover time known, the share
 * within the target against the Standard Contract, the longer bands, hours lost (its basis stated),
 * mean, 90th percentile, still open and unknown.
 */
export function ReportHeadline({
  row,
  columns,
  contractShare,
  hoursLostBasis,
}: {
  row: ReportRecord;
  columns: readonly string[];
  /** The Standard Contract's share within the target (England: 0.65). */
  contractShare: number;
  hoursLostBasis: number;
}) {
  const [target = 15, ...longer] = bandMinutesOf(columns);
  const known = numberCell(row, 'handover_time_known');
  const all = numberCell(row, 'all_handovers');
  const within = numberCell(row, `within_${target}_minutes_pct`);
  const contract = Math.round(contractShare * 1000) / 10;
  const figures: Figure[] = [
    {
      column: 'handover_time_known',
      label: 'Handover time known',
      value: formatCount(known),
      note: `of ${formatCount(all)} handovers`,
    },
    {
      column: `within_${target}_minutes_pct`,
      label: `Within ${target} minutes`,
      value: formatPct(within),
      note:
        within === null
          ? 'no handover times'
          : within < contract
            ? `below the ${contract}% standard`
            : `meets the ${contract}% standard`,
      alert: within !== null && within < contract,
    },
    ...longer.map(
      (minutes): Figure => ({
        column: `over_${minutes}_minutes`,
        label: `Over ${minutes} minutes`,
        value: formatCount(numberCell(row, `over_${minutes}_minutes`)),
      }),
    ),
    {
      column: 'hours_lost',
      label: 'Hours lost',
      value: formatHours(numberCell(row, 'hours_lost')),
      note: `time beyond ${hoursLostBasis} minutes`,
    },
    {
      column: 'mean_handover_ms',
      label: 'Mean',
      value: formatDuration(numberCell(row, 'mean_handover_ms')),
      note: 'h:mm:ss',
    },
    {
      column: 'p90_handover_ms',
      label: '90th percentile',
      value: formatDuration(numberCell(row, 'p90_handover_ms')),
      note: 'h:mm:ss',
    },
    {
      column: 'still_open',
      label: 'Still open',
      value: formatCount(numberCell(row, 'still_open')),
      note: 'at the as-at time',
    },
    {
      column: 'handover_time_unknown',
      label: 'Handover time unknown',
      value: formatCount(numberCell(row, 'handover_time_unknown')),
      note: 'closed or stale, no time',
    },
  ];
  const name = textCell(row, 'name');
  const code = textCell(row, 'code');
  return (
    <section
      className="report-headline"
      aria-label={`Headline figures: ${name}`}
      data-testid="report-headline"
      data-code={code}
    >
      <h3 className="report-headline__title">
        {name}
        {row.level !== 'england' && <span className="report-headline__code"> {code}</span>}
      </h3>
      <dl className="report-figures">
        {figures.map((figure) => (
          // The shared figure card (shared/ui/figure-card.css), in the report's quieter, printable variant.
          <div
            key={figure.column}
            className={`figure-card report-figure${figure.alert ? ' figure-card--alert' : ''}`}
            data-testid="report-figure"
            data-column={figure.column}
          >
            <dt className="figure-card__label">{figure.label}</dt>
            <dd className="figure-card__value">{figure.value}</dd>
            {figure.note !== undefined && <dd className="figure-card__note">{figure.note}</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}

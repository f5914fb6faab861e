import type { Thresholds } from '@handover/domain';
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import { formatHoursMinutes } from '../../shared/lib/format-duration';
import { ChartFrame, legendText } from './chart-frame';
import type { AreaRow } from './drill-down';

const HOUR = 3_600_000;
const COMPLETED_COLOUR = '#003087';
const NOW_COLOUR = '#ffb81c';

/**
 * Hours lost today by area (region, trust or site): those of completed handovers and those being lost
 * by crews held now, stacked, so the bar is the total the tables show.
 */
export function HoursLostChart({
  rows,
  areaName,
  limit,
  thresholds,
}: {
  rows: readonly AreaRow[];
  /** "region", "trust", "site": what each bar is. */
  areaName: string;
  /** Show at most this many bars (the most hours lost first). */
  limit: number;
  thresholds: Thresholds;
}) {
  const sorted = [...rows].sort((a, b) => b.figures.hoursLostTodayMs - a.figures.hoursLostTodayMs);
  const shown = sorted.slice(0, limit);
  const data = shown.map((row) => ({
    name: row.name,
    completed: round((row.figures.hoursLostTodayMs - row.figures.hoursLostNowMs) / HOUR),
    now: round(row.figures.hoursLostNowMs / HOUR),
  }));
  const basis = thresholds.hoursLostBasisMinutes;
  // Names on one line: long trust names get a wider axis, then an ellipsis (the table has them whole).
  const longest = Math.max(...data.map((row) => row.name.length), 8);
  const labelWidth = Math.min(240, 16 + longest * 7);
  const more = sorted.length - shown.length;
  return (
    <ChartFrame
      testId="chart-hours-lost"
      title={`Hours lost today by ${areaName}`}
      description={`Time beyond ${basis} minutes from arrival: completed handovers (dark blue) and crews held now (yellow).${more > 0 ? ` The ${shown.length} ${areaName}s losing most; ${more} more in the table.` : ''}`}
      table={
        <table className="chart-table">
          <thead>
            <tr>
              <th scope="col">{capitalise(areaName)}</th>
              <th scope="col">Completed handovers</th>
              <th scope="col">Crews held now</th>
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.code}>
                <th scope="row">{row.name}</th>
                <td>{formatHoursMinutes(row.figures.hoursLostTodayMs - row.figures.hoursLostNowMs)}</td>
                <td>{formatHoursMinutes(row.figures.hoursLostNowMs)}</td>
                <td>{formatHoursMinutes(row.figures.hoursLostTodayMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <BarChart
        responsive
        style={{ width: '100%', height: '100%' }}
        data={data}
        layout="vertical"
        margin={{ top: 4, right: 20, bottom: 22, left: 8 }}
        barCategoryGap="22%"
        maxBarSize={34}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke="#d8dde0" horizontal={false} />
        <XAxis
          type="number"
          allowDecimals={false}
          tick={{ fill: '#212b32', fontSize: 13 }}
          label={{
            value: `Hours lost (beyond ${basis} min)`,
            position: 'insideBottom',
            offset: -14,
            fill: '#4c6272',
            fontSize: 13,
          }}
        />
        <YAxis type="category" dataKey="name" width={labelWidth} interval={0} tick={NameTick} />
        <Tooltip formatter={(value, name) => [`${String(value)} h`, String(name)]} />
        <Legend verticalAlign="top" height={26} wrapperStyle={{ fontSize: 14 }} formatter={legendText} />
        <Bar
          name="Completed handovers"
          dataKey="completed"
          stackId="lost"
          fill={COMPLETED_COLOUR}
          isAnimationActive={false}
        />
        <Bar
          name="Crews held now"
          dataKey="now"
          stackId="lost"
          fill={NOW_COLOUR}
          stroke="#212b32"
          strokeWidth={1}
          isAnimationActive={false}
        />
      </BarChart>
    </ChartFrame>
  );
}

const MAX_LABEL = 32;

/** A category label on one line, cut with an ellipsis when long (recharts would wrap it over its neighbours). */
function NameTick({
  x,
  y,
  payload,
}: {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}) {
  const name = String(payload?.value ?? '');
  return (
    <text x={Number(x)} y={Number(y)} dy={4} textAnchor="end" fill="#212b32" fontSize={13}>
      {name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name}
    </text>
  );
}

function round(hours: number): number {
  return Math.round(hours * 10) / 10;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

import type { Thresholds } from '@handover/domain';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { HourPoint } from './chart-data';
import { ChartFrame, legendText } from './chart-frame';
import type { YesterdayHourly } from './yesterday-hourly';

const TODAY_COLOUR = '#005eb8';
const YESTERDAY_COLOUR = '#4c6272';

interface Row {
  label: string;
  today: number | null;
  yesterday: number | null;
}

const percent = (share: number | null | undefined) =>
  share === null || share === undefined ? null : Math.round(share * 1000) / 10;

/** Share handed over within 15 minutes by hour of arrival: today against yesterday. */
export function HourlyComplianceChart({
  today,
  yesterday,
  nowHour,
  thresholds,
}: {
  today: readonly HourPoint[];
  yesterday: YesterdayHourly;
  /** Hours after this one have not happened yet today. */
  nowHour: number;
  thresholds: Thresholds;
}) {
  const target = thresholds.targetMinutes;
  const contract = Math.round(thresholds.contract.within15 * 100);
  const byLabel = yesterday.status === 'ready' ? yesterday.byLabel : null;
  const rows: Row[] = today.map((point, index) => ({
    label: point.label,
    today: index <= nowHour ? percent(point.within15Share) : null,
    yesterday: percent(byLabel?.get(point.label)),
  }));
  const note =
    yesterday.status === 'unavailable'
      ? ` Yesterday is not shown: ${yesterday.message}`
      : yesterday.status === 'loading'
        ? ' Yesterday is loading.'
        : '';
  return (
    <ChartFrame
      testId="chart-hourly"
      title={`Handed over within ${target} min, by hour of arrival`}
      description={`Today (solid) against yesterday (dashed). The dotted line is the Standard Contract's ${contract}%.${note}`}
      table={
        <table className="chart-table">
          <thead>
            <tr>
              <th scope="col">Hour (UK time)</th>
              <th scope="col">Today</th>
              <th scope="col">Yesterday</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row">{row.label}</th>
                <td>{row.today === null ? '–' : `${row.today}%`}</td>
                <td>{row.yesterday === null ? '–' : `${row.yesterday}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <LineChart
        responsive
        style={{ width: '100%', height: '100%' }}
        data={rows}
        margin={{ top: 8, right: 16, bottom: 22, left: 8 }}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke="#d8dde0" vertical={false} />
        <XAxis
          dataKey="label"
          interval={2}
          tick={{ fill: '#212b32', fontSize: 13 }}
          tickFormatter={(label: string) => label.slice(0, 2)}
          label={{
            value: 'Hour of arrival (UK time)',
            position: 'insideBottom',
            offset: -14,
            fill: '#4c6272',
            fontSize: 13,
          }}
        />
        <YAxis
          domain={[0, 100]}
          ticks={[0, 25, 50, 75, 100]}
          unit="%"
          width={52}
          tick={{ fill: '#212b32', fontSize: 13 }}
          label={{
            value: `Within ${target} min`,
            angle: -90,
            position: 'insideLeft',
            offset: 4,
            dy: 40,
            fill: '#4c6272',
            fontSize: 13,
          }}
        />
        <ReferenceLine
          y={contract}
          stroke="#212b32"
          strokeDasharray="2 4"
          label={{
            value: `${contract}% standard`,
            position: 'insideTopRight',
            fill: '#212b32',
            fontSize: 12,
          }}
        />
        <Tooltip formatter={(value) => `${String(value)}%`} />
        <Legend
          verticalAlign="top"
          height={26}
          iconType="plainline"
          wrapperStyle={{ fontSize: 14 }}
          formatter={legendText}
        />
        <Line
          name="Yesterday"
          dataKey="yesterday"
          stroke={YESTERDAY_COLOUR}
          strokeWidth={2}
          strokeDasharray="6 4"
          dot={false}
          connectNulls
          isAnimationActive={false}
        />
        <Line
          name="Today"
          dataKey="today"
          stroke={TODAY_COLOUR}
          strokeWidth={3}
          dot={{ r: 3, fill: TODAY_COLOUR }}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartFrame>
  );
}

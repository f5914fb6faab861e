import type { Thresholds } from '@handover/domain';
import { memo, useMemo } from 'react';
import {
  CartesianGrid,
  DefaultTooltipContent,
  DefaultZIndexes,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  type TooltipContentProps,
  useXAxisScale,
  useYAxisScale,
  XAxis,
  YAxis,
  ZIndexLayer,
} from 'recharts';
import { type HourlyRow, type HourPoint, hourlyRows } from './chart-data';
import { type Feed, useFed, useFeed } from './chart-feed';
import { ChartFrame, ChartTable, legendText, PLOT_PROPS } from './chart-frame';
import { linePath } from './live-marks';
import { useStableValue } from './stable-value';
import type { YesterdayHourly } from './yesterday-hourly';

const TODAY_COLOUR = '#005eb8';

/** The two lines, as the legend, the live layer and the tooltip show them: yesterday first. */
const SERIES = [
  { key: 'yesterday', name: 'Yesterday', colour: '#4c6272', width: 2, dash: '6 4', joinGaps: true },
  { key: 'today', name: 'Today', colour: TODAY_COLOUR, width: 3, dash: undefined, joinGaps: false },
] as const;

const percentText = (percent: number | null) => (percent === null ? '–' : `${percent}%`);

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
  const rows = useStableValue(
    hourlyRows(today, yesterday.status === 'ready' ? yesterday.byLabel : undefined, nowHour),
  );
  // Only the lines and the tooltip read the percentages: a refresh re-renders those, not the recharts
  // tree around them (axes, grid, legend), which costs tens of milliseconds per update.
  const feed = useFeed(rows);
  const labels = useStableValue(rows.map((row) => row.label));
  const target = thresholds.targetMinutes;
  const contract = Math.round(thresholds.contract.within15 * 100);
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
        <ChartTable
          head={['Hour (UK time)', 'Today', 'Yesterday']}
          rows={rows.map((row) => [row.label, percentText(row.today), percentText(row.yesterday)])}
        />
      }
    >
      <HourlyAxes rows={feed} labels={labels} target={target} contract={contract} />
    </ChartFrame>
  );
}

/** Everything but the lines: renders again only when the day (its hours) or the size changes. */
const HourlyAxes = memo(function HourlyAxes({
  rows,
  labels,
  target,
  contract,
}: {
  rows: Feed<readonly HourlyRow[]>;
  labels: readonly string[];
  target: number;
  contract: number;
}) {
  // The hours without their shares (LiveLines draws those): what the axes, legend and tooltip need.
  const slots = useMemo(() => labels.map((label) => ({ label, today: null, yesterday: null })), [labels]);
  return (
    <LineChart {...PLOT_PROPS} data={slots} margin={{ top: 8, right: 16, bottom: 22, left: 8 }}>
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
        // The lines are not in the chart's data: the axis is what we say, not what the data holds.
        allowDataOverflow
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
      {/* Empty slots have null values: kept (filterNull off), or the tooltip would never show. */}
      <Tooltip content={<HourTooltip rows={rows} />} filterNull={false} isAnimationActive={false} />
      <Legend
        verticalAlign="top"
        height={26}
        iconType="plainline"
        wrapperStyle={{ fontSize: 14 }}
        formatter={legendText}
      />
      {/* These draw nothing (no shares): they give the legend its keys and the tooltip its cursor. */}
      {SERIES.map((series) => (
        <Line
          key={series.key}
          name={series.name}
          dataKey={series.key}
          stroke={series.colour}
          strokeWidth={series.width}
          strokeDasharray={series.dash}
          dot={false}
          isAnimationActive={false}
        />
      ))}
      <LiveLines rows={rows} />
    </LineChart>
  );
});

/** Yesterday dashed and joined across gaps; today solid, with a dot per hour. */
function LiveLines({ rows: feed }: { rows: Feed<readonly HourlyRow[]> }) {
  const rows = useFed(feed);
  const x = useXAxisScale();
  const y = useYAxisScale();
  if (x === undefined || y === undefined) return null;
  const at = (label: string, percent: number | null) => {
    const px = x(label);
    const py = percent === null ? undefined : y(percent);
    return px === undefined || py === undefined ? null : { x: px, y: py };
  };
  const today = rows.map((row) => at(row.label, row.today));
  return (
    <ZIndexLayer zIndex={DefaultZIndexes.line}>
      {SERIES.map((series) => (
        <path
          key={series.key}
          className="recharts-curve recharts-line-curve"
          d={linePath(
            rows.map((row) => at(row.label, row[series.key])),
            series.joinGaps,
          )}
          fill="none"
          stroke={series.colour}
          strokeWidth={series.width}
          strokeDasharray={series.dash}
        />
      ))}
      <g className="recharts-line-dots">
        {today.map(
          (point, index) =>
            point !== null && (
              <circle
                // biome-ignore lint/suspicious/noArrayIndexKey: one dot per hour of the day, in order.
                key={index}
                className="recharts-dot recharts-line-dot"
                cx={point.x}
                cy={point.y}
                r={3}
                fill={TODAY_COLOUR}
                stroke={TODAY_COLOUR}
                strokeWidth={3}
              />
            ),
        )}
      </g>
    </ZIndexLayer>
  );
}

/** The hovered hour's shares, in recharts' own tooltip box. */
function HourTooltip({
  rows,
  active,
  activeIndex,
}: { rows: Feed<readonly HourlyRow[]> } & Partial<TooltipContentProps<number, string>>) {
  const row = useFed(rows)[Number(activeIndex)];
  if (active !== true || row === undefined) return null;
  const entries = SERIES.flatMap((series) => {
    const value = row[series.key];
    return value === null
      ? []
      : [{ name: series.name, value: `${value}%`, color: series.colour, graphicalItemId: series.key }];
  });
  // An hour without figures gets no tooltip, as recharts leaves out empty ones.
  return entries.length === 0 ? null : <DefaultTooltipContent label={row.label} payload={entries} />;
}

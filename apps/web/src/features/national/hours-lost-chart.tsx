import type { Thresholds } from '@handover/domain';
import { memo, useMemo, useRef } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  DefaultTooltipContent,
  DefaultZIndexes,
  getNiceTickValues,
  Legend,
  Tooltip,
  type TooltipContentProps,
  usePlotArea,
  useXAxisScale,
  useYAxisScale,
  XAxis,
  YAxis,
  ZIndexLayer,
} from 'recharts';
import { formatHoursMinutes } from '../../shared/lib/format-duration';
import { type Feed, useFed, useFeed } from './chart-feed';
import { ChartFrame, ChartTable, legendText, PLOT_PROPS } from './chart-frame';
import type { AreaRow } from './drill-down';
import { barSlot, rectanglePath } from './live-marks';
import { useStableValue } from './stable-value';

const HOUR = 3_600_000;
const COMPLETED_COLOUR = '#003087';
const NOW_COLOUR = '#ffb81c';
const CATEGORY_GAP = 0.22;
const MAX_BAR = 34;

/** One bar and its table row: hours to one decimal (the bar), hours and minutes (the table). */
export interface LostBar {
  code: string;
  name: string;
  completed: number;
  now: number;
  completedText: string;
  nowText: string;
  totalText: string;
}

/** The `limit` areas losing most today, as drawn, and how many more the table has. */
export function lostBars(rows: readonly AreaRow[], limit: number): { bars: LostBar[]; more: number } {
  const sorted = [...rows].sort((a, b) => b.figures.hoursLostTodayMs - a.figures.hoursLostTodayMs);
  const bars = sorted.slice(0, limit).map(({ code, name, figures }) => {
    const completedMs = figures.hoursLostTodayMs - figures.hoursLostNowMs;
    return {
      code,
      name,
      completed: round(completedMs / HOUR),
      now: round(figures.hoursLostNowMs / HOUR),
      completedText: formatHoursMinutes(completedMs),
      nowText: formatHoursMinutes(figures.hoursLostNowMs),
      totalText: formatHoursMinutes(figures.hoursLostTodayMs),
    };
  });
  return { bars, more: sorted.length - bars.length };
}

/** Whether an axis still suits the longest bar: it ends in the axis's top step. */
export function axisStillFits(ticks: readonly number[], longest: number): boolean {
  const top = ticks.at(-1);
  const below = ticks.at(-2);
  return top !== undefined && below !== undefined && longest <= top && longest > below;
}

/**
 * The axis of hours as recharts would choose it (about five round steps from 0), kept while the
 * longest bar stays in its top step: choosing it (getNiceTickValues) costs a millisecond or two.
 */
function useHoursTicks(bars: readonly LostBar[]): readonly number[] {
  const longest = Math.max(0, ...bars.map((bar) => bar.completed + bar.now));
  const kept = useRef<readonly number[]>([]);
  if (!axisStillFits(kept.current, longest)) kept.current = getNiceTickValues([0, longest], 5, false);
  return kept.current;
}

/**
 * Hours lost today by area (region, trust or site): those of completed handovers and those being lost
 * by crews held now, stacked, so the bar is the total the tables show. Renders again only when given
 * new rows.
 */
export const HoursLostChart = memo(function HoursLostChart({
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
  const { bars, more } = useStableValue(lostBars(rows, limit));
  // Only the bars and the tooltip read the hours: a refresh re-renders those, not the recharts tree
  // around them (axes, grid, legend), which costs tens of milliseconds per update.
  const feed = useFeed(bars);
  // Names on one line: long trust names get a wider axis, then an ellipsis (the table has them whole).
  const longest = Math.max(...bars.map((bar) => bar.name.length), 8);
  const labelWidth = Math.min(240, 16 + longest * 7);
  const ticks = useHoursTicks(bars);
  const basis = thresholds.hoursLostBasisMinutes;
  return (
    <ChartFrame
      testId="chart-hours-lost"
      title={`Hours lost today by ${areaName}`}
      description={`Time beyond ${basis} minutes from arrival: completed handovers (dark blue) and crews held now (yellow).${more > 0 ? ` The ${bars.length} ${areaName}s losing most; ${more} more in the table.` : ''}`}
      table={
        <ChartTable
          head={[capitalise(areaName), 'Completed handovers', 'Crews held now', 'Total']}
          rows={bars.map((bar) => [bar.name, bar.completedText, bar.nowText, bar.totalText])}
        />
      }
    >
      <LostAxes bars={feed} slots={bars.length} labelWidth={labelWidth} ticks={ticks} basis={basis} />
    </ChartFrame>
  );
});

/**
 * Everything but the bars and their names: renders again only when the number of bars, the width of
 * the names, the hour axis or the size changes (not when two areas swap places).
 */
const LostAxes = memo(function LostAxes({
  bars,
  slots,
  labelWidth,
  ticks,
  basis,
}: {
  bars: Feed<readonly LostBar[]>;
  slots: number;
  labelWidth: number;
  ticks: readonly number[];
  basis: number;
}) {
  // Places for the bars, without names or hours (LiveBars draws those): what the axes, legend and
  // tooltip need.
  const data = useMemo(
    () => Array.from({ length: slots }, (_, slot) => ({ slot, completed: null, now: null })),
    [slots],
  );
  return (
    <BarChart
      {...PLOT_PROPS}
      data={data}
      layout="vertical"
      margin={{ top: 4, right: 20, bottom: 22, left: 8 }}
      barCategoryGap={`${CATEGORY_GAP * 100}%`}
      maxBarSize={MAX_BAR}
    >
      <CartesianGrid stroke="#d8dde0" horizontal={false} />
      <XAxis
        type="number"
        allowDecimals={false}
        domain={[0, ticks.at(-1) ?? 1]}
        // The bars are not in the chart's data: the axis is what we say, not what the data holds.
        allowDataOverflow
        ticks={[...ticks]}
        tick={{ fill: '#212b32', fontSize: 13 }}
        label={{
          value: `Hours lost (beyond ${basis} min)`,
          position: 'insideBottom',
          offset: -14,
          fill: '#4c6272',
          fontSize: 13,
        }}
      />
      {/* Tick marks only: LiveBars writes the names, which change places as the hours grow. */}
      <YAxis type="category" dataKey="slot" width={labelWidth} interval={0} tick={NoLabel} />
      {/* Empty slots have null values: kept (filterNull off), or the tooltip would never show. */}
      <Tooltip content={<LostTooltip bars={bars} />} filterNull={false} isAnimationActive={false} />
      <Legend verticalAlign="top" height={26} wrapperStyle={{ fontSize: 14 }} formatter={legendText} />
      {/* These draw nothing (no hours): they give the legend its keys and the tooltip its highlight. */}
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
      <LiveBars bars={bars} />
    </BarChart>
  );
});

/**
 * Each area's name, then its completed hours from 0 and the hours being lost now stacked after them,
 * in its place from the top.
 */
function LiveBars({ bars: feed }: { bars: Feed<readonly LostBar[]> }) {
  const bars = useFed(feed);
  const x = useXAxisScale();
  const y = useYAxisScale();
  const plot = usePlotArea();
  const zero = x?.(0);
  if (y === undefined || zero === undefined || plot === undefined) return null;
  return (
    <>
      <ZIndexLayer zIndex={DefaultZIndexes.bar}>
        <g className="recharts-layer recharts-bar-rectangles">
          {bars.map((bar, slot) => {
            const start = y(slot, { position: 'start' });
            const end = y(slot, { position: 'end' });
            const completedEnd = x?.(bar.completed);
            const totalEnd = x?.(bar.completed + bar.now);
            if (
              start === undefined ||
              end === undefined ||
              completedEnd === undefined ||
              totalEnd === undefined
            ) {
              return null;
            }
            const band = end - start;
            const size = barSlot(band, CATEGORY_GAP * band, MAX_BAR);
            const top = start + size.offset;
            const completed = rectanglePath(zero, top, completedEnd - zero, size.size);
            const now = rectanglePath(completedEnd, top, totalEnd - completedEnd, size.size);
            return (
              <g key={bar.code}>
                {completed !== null && (
                  <path className="recharts-rectangle" d={completed} fill={COMPLETED_COLOUR} />
                )}
                {now !== null && (
                  <path
                    className="recharts-rectangle"
                    d={now}
                    fill={NOW_COLOUR}
                    stroke="#212b32"
                    strokeWidth={1}
                  />
                )}
              </g>
            );
          })}
        </g>
      </ZIndexLayer>
      <ZIndexLayer zIndex={DefaultZIndexes.label}>
        <g className="recharts-yAxis-tick-labels">
          {bars.map((bar, slot) => (
            <text
              key={bar.code}
              x={plot.x - 8}
              y={y(slot, { position: 'middle' })}
              dy={4}
              textAnchor="end"
              fill="#212b32"
              fontSize={13}
            >
              {oneLine(bar.name)}
            </text>
          ))}
        </g>
      </ZIndexLayer>
    </>
  );
}

/** The hovered area's hours, in recharts' own tooltip box. */
function LostTooltip({
  bars,
  active,
  activeIndex,
}: { bars: Feed<readonly LostBar[]> } & Partial<TooltipContentProps<number, string>>) {
  const bar = useFed(bars)[Number(activeIndex)];
  if (active !== true || bar === undefined) return null;
  return (
    <DefaultTooltipContent
      label={bar.name}
      payload={[
        {
          name: 'Completed handovers',
          value: `${bar.completed} h`,
          color: COMPLETED_COLOUR,
          graphicalItemId: 'completed',
        },
        { name: 'Crews held now', value: `${bar.now} h`, color: NOW_COLOUR, graphicalItemId: 'now' },
      ]}
    />
  );
}

function NoLabel() {
  return <g />;
}

const MAX_LABEL = 32;

/** A name on one line, cut with an ellipsis when long (it would run over its neighbours). */
function oneLine(name: string): string {
  return name.length > MAX_LABEL ? `${name.slice(0, MAX_LABEL - 1)}…` : name;
}

function round(hours: number): number {
  return Math.round(hours * 10) / 10;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

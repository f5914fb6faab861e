import type { Thresholds } from '@handover/domain';
import { memo, useMemo } from 'react';
import {
  Bar,
  BarChart,
  DefaultTooltipContent,
  DefaultZIndexes,
  ReferenceLine,
  Tooltip,
  type TooltipContentProps,
  usePlotArea,
  useXAxisScale,
  useYAxisScale,
  XAxis,
  YAxis,
  ZIndexLayer,
} from 'recharts';
import { formatCount } from '../../shared/ui/format-count';
import { BAND_COLOURS } from './chart-colours';
import { niceTicks, type TimeBin } from './chart-data';
import { type Feed, useFed, useFeed } from './chart-feed';
import { ChartFrame, ChartTable, PLOT_PROPS } from './chart-frame';
import { barSlot, rectanglePath } from './live-marks';
import { useStableValue } from './stable-value';

const BAR_GAP = 1;

function binLabel(bin: TimeBin): string {
  return bin.to === null ? `over ${bin.from} min` : `${bin.from}–${bin.to} min`;
}

/** How long today's completed handovers took, in 5-minute bars, with the 15/30/45/60 minute lines. */
export function HandoverTimeChart({
  bins,
  thresholds,
}: {
  bins: readonly TimeBin[];
  thresholds: Thresholds;
}) {
  const live = useStableValue(bins);
  const countTicks = useStableValue(niceTicks(Math.max(...live.map((bin) => bin.count), 1)));
  // Only the bars, the count axis and the tooltip read the counts: a refresh re-renders those, not
  // the recharts tree around them (the minutes axis, lines, labels), which costs tens of ms per update.
  const feed = useFeed(useMemo(() => ({ bins: live, countTicks }), [live, countTicks]));
  // Every completed handover falls in one bar.
  const known = live.reduce((sum, bin) => sum + bin.count, 0);
  const maxMinutes = live.at(-1)?.from ?? 120;
  const binWidth = live.length > 1 ? (live[1]?.from ?? 5) - (live[0]?.from ?? 0) : 5;
  return (
    <ChartFrame
      testId="chart-distribution"
      title="Handover times today"
      description={`${formatCount(known)} completed handovers, in ${binWidth}-minute bars from arrival to handover. Lines mark ${thresholds.bandMinutes.join(', ')} minutes; the last bar is everything over ${maxMinutes}.`}
      table={
        <ChartTable
          head={['Arrival to handover', 'Handovers']}
          rows={live.map((bin) => [binLabel(bin), bin.count])}
        />
      }
    >
      <TimeAxes counts={feed} bars={live.length} binWidth={binWidth} thresholds={thresholds} />
    </ChartFrame>
  );
}

/** The counts, and the axis that fits them now. */
interface Counts {
  bins: readonly TimeBin[];
  countTicks: readonly number[];
}

/** Everything but the counts (bars, count axis, grid): renders again only when its size changes. */
const TimeAxes = memo(function TimeAxes({
  counts,
  bars,
  binWidth,
  thresholds,
}: {
  counts: Feed<Counts>;
  bars: number;
  binWidth: number;
  thresholds: Thresholds;
}) {
  const maxMinutes = (bars - 1) * binWidth;
  // Where the bars go, without their counts (LiveBars draws those): what the axis and tooltip need.
  const slots = useMemo(
    () => Array.from({ length: bars }, (_, index) => ({ mid: (index + 0.5) * binWidth, count: null })),
    [bars, binWidth],
  );
  const ticks = [0, 15, 30, 45, 60, 75, 90, 105, maxMinutes];
  return (
    <BarChart
      {...PLOT_PROPS}
      data={slots}
      margin={{ top: 22, right: 16, bottom: 22, left: 8 }}
      barCategoryGap={BAR_GAP}
    >
      <XAxis
        dataKey="mid"
        type="number"
        domain={[0, maxMinutes + binWidth]}
        ticks={ticks}
        tickFormatter={(minutes: number) => (minutes === maxMinutes ? `${minutes}+` : String(minutes))}
        tick={{ fill: '#212b32', fontSize: 13 }}
        label={{
          value: 'Minutes from arrival to handover',
          position: 'insideBottom',
          offset: -14,
          fill: '#4c6272',
          fontSize: 13,
        }}
      />
      {/* 0 to 1 of the count axis's top: LiveBars draws its ticks, labels and grid as the counts grow. */}
      <YAxis
        domain={[0, 1]}
        allowDataOverflow
        tick={false}
        tickLine={false}
        width={52}
        label={{
          value: 'Handovers',
          angle: -90,
          position: 'insideLeft',
          offset: 4,
          dy: 30,
          fill: '#4c6272',
          fontSize: 13,
        }}
      />
      {/* Empty slots have null values: kept (filterNull off), or the tooltip would never show. */}
      <Tooltip content={<BinTooltip counts={counts} />} filterNull={false} isAnimationActive={false} />
      {/* Draws nothing (no counts): it gives the tooltip its bands and highlight. */}
      <Bar dataKey="count" isAnimationActive={false} />
      <LiveBars counts={counts} binWidth={binWidth} />
      {thresholds.bandMinutes.map((minutes, index) => (
        <ReferenceLine
          key={minutes}
          x={minutes}
          stroke="#212b32"
          strokeWidth={index === 2 ? 2.5 : 1.5}
          strokeDasharray={index === 0 ? undefined : '5 3'}
          label={{
            value: index === 2 ? `${minutes} max` : `${minutes}`,
            position: 'top',
            fill: '#212b32',
            fontSize: 13,
            fontWeight: 700,
          }}
        />
      ))}
    </BarChart>
  );
});

/**
 * The bars, coloured by band, with a dark edge that keeps the light yellow ones visible on white; and
 * the count axis (grid, ticks, labels) drawn as recharts draws its own.
 */
function LiveBars({ counts, binWidth }: { counts: Feed<Counts>; binWidth: number }) {
  const { bins, countTicks } = useFed(counts);
  const x = useXAxisScale();
  const y = useYAxisScale();
  const plot = usePlotArea();
  const top = countTicks.at(-1) ?? 1;
  const yOf = (count: number) => y?.(count / top);
  const zero = yOf(0);
  const band = (x?.(binWidth) ?? 0) - (x?.(0) ?? 0);
  if (x === undefined || zero === undefined || plot === undefined) return null;
  const slot = barSlot(band, BAR_GAP);
  const ticks = countTicks.flatMap((tick) => {
    const at = yOf(tick);
    return at === undefined ? [] : [{ tick, at }];
  });
  return (
    <>
      <ZIndexLayer zIndex={DefaultZIndexes.grid}>
        <g className="recharts-cartesian-grid-horizontal">
          {ticks.map(({ tick, at }) => (
            <line
              key={tick}
              stroke="#d8dde0"
              fill="none"
              x1={plot.x}
              y1={at}
              x2={plot.x + plot.width}
              y2={at}
            />
          ))}
        </g>
      </ZIndexLayer>
      <ZIndexLayer zIndex={DefaultZIndexes.bar}>
        <g className="recharts-layer recharts-bar-rectangles">
          {bins.map((bin) => {
            const middle = x(bin.mid);
            const barTop = yOf(bin.count);
            if (middle === undefined || barTop === undefined) return null;
            const path = rectanglePath(middle - band / 2 + slot.offset, barTop, slot.size, zero - barTop);
            return (
              path !== null && (
                <path
                  key={bin.from}
                  className="recharts-rectangle"
                  d={path}
                  fill={BAND_COLOURS[bin.band]}
                  stroke="#212b32"
                  strokeWidth={0.75}
                />
              )
            );
          })}
        </g>
      </ZIndexLayer>
      <ZIndexLayer zIndex={DefaultZIndexes.axis}>
        <g className="recharts-yAxis-tick-lines">
          {ticks.map(({ tick, at }) => (
            <line key={tick} stroke="#666" fill="none" x1={plot.x - 6} y1={at} x2={plot.x} y2={at} />
          ))}
        </g>
      </ZIndexLayer>
      <ZIndexLayer zIndex={DefaultZIndexes.label}>
        <g className="recharts-yAxis-tick-labels">
          {ticks.map(({ tick, at }) => (
            <text key={tick} x={plot.x - 8} y={at} dy="0.355em" textAnchor="end" fontSize={13} fill="#212b32">
              {tick}
            </text>
          ))}
        </g>
      </ZIndexLayer>
    </>
  );
}

/** The hovered bar's range and count, in recharts' own tooltip box. */
function BinTooltip({
  counts,
  active,
  activeIndex,
}: { counts: Feed<Counts> } & Partial<TooltipContentProps<number, string>>) {
  const bin = useFed(counts).bins[Number(activeIndex)];
  if (active !== true || bin === undefined) return null;
  return (
    <DefaultTooltipContent
      label={binLabel(bin)}
      payload={[{ name: 'Handovers', value: bin.count, graphicalItemId: 'count' }]}
    />
  );
}

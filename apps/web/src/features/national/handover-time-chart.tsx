import type { Thresholds } from '@handover/domain';
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { BAND_COLOURS } from './chart-colours';
import { niceTicks, type TimeBin } from './chart-data';
import { ChartFrame } from './chart-frame';

function binLabel(bin: TimeBin): string {
  return bin.to === null ? `over ${bin.from} min` : `${bin.from}–${bin.to} min`;
}

/** How long today's completed handovers took, in 5-minute bars, with the 15/30/45/60 minute lines. */
export function HandoverTimeChart({
  bins,
  known,
  thresholds,
}: {
  bins: readonly TimeBin[];
  known: number;
  thresholds: Thresholds;
}) {
  const last = bins.at(-1);
  const maxMinutes = last === undefined ? 120 : last.from;
  const binWidth = bins.length > 1 ? (bins[1]?.from ?? 5) - (bins[0]?.from ?? 0) : 5;
  const data = bins.map((bin) => ({ ...bin, label: binLabel(bin) }));
  const ticks = [0, 15, 30, 45, 60, 75, 90, 105, maxMinutes];
  const countTicks = niceTicks(Math.max(...bins.map((bin) => bin.count), 1));
  return (
    <ChartFrame
      testId="chart-distribution"
      title="Handover times today"
      description={`${known.toLocaleString('en-GB')} completed handovers, in ${binWidth}-minute bars from arrival to handover. Lines mark ${thresholds.bandMinutes.join(', ')} minutes; the last bar is everything over ${maxMinutes}.`}
      table={
        <table className="chart-table">
          <thead>
            <tr>
              <th scope="col">Arrival to handover</th>
              <th scope="col">Handovers</th>
            </tr>
          </thead>
          <tbody>
            {data.map((bin) => (
              <tr key={bin.from}>
                <th scope="row">{bin.label}</th>
                <td>{bin.count}</td>
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
        margin={{ top: 22, right: 16, bottom: 22, left: 8 }}
        barCategoryGap={1}
        accessibilityLayer={false}
      >
        <CartesianGrid stroke="#d8dde0" vertical={false} />
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
        <YAxis
          allowDecimals={false}
          domain={[0, countTicks.at(-1) ?? 1]}
          ticks={countTicks}
          width={52}
          tick={{ fill: '#212b32', fontSize: 13 }}
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
        <Tooltip
          labelFormatter={(_, payload) => {
            const bin = payload?.[0]?.payload as { label?: string } | undefined;
            return bin?.label ?? '';
          }}
          formatter={(value) => [String(value), 'Handovers']}
        />
        <Bar dataKey="count" isAnimationActive={false}>
          {data.map((bin) => (
            // A dark edge keeps the light yellow bars visible against white (non-text contrast).
            <Cell key={bin.from} fill={BAND_COLOURS[bin.band]} stroke="#212b32" strokeWidth={0.75} />
          ))}
        </Bar>
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
    </ChartFrame>
  );
}

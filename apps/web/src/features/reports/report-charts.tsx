import { Bar, BarChart, CartesianGrid, Cell, LabelList, ReferenceLine, XAxis, YAxis } from 'recharts';
import type { ReportRecord } from './report-api';
import { type BinBand, distributionBins, shareBars } from './report-chart-data';
import { formatCount, textCell } from './report-rows';

/**
 * The report's charts (recharts: this chunk only, loaded after the figures and tables, so no other
 * screen ever downloads the chart library). Drawn at a fixed size and scaled by their viewBox to the
 * width of the screen or the printed page.
 */

const WIDTH = 720;
const TEXT = '#212b32';
const GREY = '#4c6272';
const BLUE = '#005eb8';

const DISTRIBUTION_HEIGHT = 230;

/** Drawn at WIDTH x height, scaled by the SVG's viewBox to the width of the screen or the page. */
const scaled = (height: number) => ({ width: '100%', height: 'auto', aspectRatio: `${WIDTH} / ${height}` });

/** Band colours of the NHS palette, as on the wall display. */
const BAND_COLOURS: Record<BinBand, string> = {
  on_target: '#007f3b',
  over_15: '#ffb81c',
  over_30: '#d5281b',
  release_due: '#9e1c12',
  over_60: '#7c2855',
};

export default function ReportCharts({
  headline,
  breakdown,
  breakdownTitle,
  columns,
  contractShare,
  target,
}: {
  headline: ReportRecord;
  breakdown: readonly ReportRecord[];
  /** "region", "acute trust", "site". */
  breakdownTitle: string;
  columns: readonly string[];
  contractShare: number;
  target: number;
}) {
  return (
    <div className="report-charts" data-testid="report-charts">
      {breakdown.length > 0 && (
        <ShareChart
          rows={breakdown}
          title={breakdownTitle}
          columns={columns}
          contract={Math.round(contractShare * 1000) / 10}
          target={target}
        />
      )}
      <DistributionChart row={headline} columns={columns} target={target} />
    </div>
  );
}

function ShareChart({
  rows,
  title,
  columns,
  contract,
  target,
}: {
  rows: readonly ReportRecord[];
  title: string;
  columns: readonly string[];
  contract: number;
  target: number;
}) {
  const { bars, withoutTimes } = shareBars(rows, columns);
  const longest = Math.max(...bars.map((bar) => bar.label.length), 8);
  const labelWidth = Math.min(260, 24 + longest * 6.6);
  const height = 70 + bars.length * 22;
  return (
    <figure className="report-chart" data-testid="chart-within-target">
      <figcaption className="report-chart__caption">
        <span className="report-chart__title">
          Handed over within {target} minutes, by {title}
        </span>
        <span className="report-chart__description">
          Share of handovers with a known time. The dashed line is the Standard Contract's {contract}%.
          {withoutTimes.length > 0 && ` No handover times: ${withoutTimes.join(', ')}.`}
        </span>
      </figcaption>
      <div className="report-chart__plot" aria-hidden="true">
        <BarChart
          width={WIDTH}
          height={height}
          style={scaled(height)}
          data={bars}
          layout="vertical"
          margin={{ top: 20, right: 52, bottom: 22, left: 4 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="#d8dde0" horizontal={false} />
          <XAxis
            type="number"
            domain={[0, 100]}
            ticks={[0, 25, 50, 75, 100]}
            unit="%"
            orientation="top"
            tick={{ fill: TEXT, fontSize: 12 }}
          />
          <YAxis
            type="category"
            dataKey="label"
            width={labelWidth}
            interval={0}
            tick={{ fill: TEXT, fontSize: 12 }}
          />
          <Bar dataKey="pct" fill={BLUE} barSize={14} isAnimationActive={false}>
            <LabelList
              dataKey="pct"
              position="right"
              fill={TEXT}
              fontSize={12}
              formatter={(value) => (typeof value === 'number' ? `${value.toFixed(1)}%` : '')}
            />
          </Bar>
          <ReferenceLine
            x={contract}
            stroke={TEXT}
            strokeWidth={1.5}
            strokeDasharray="5 3"
            label={{
              value: `${contract}% standard`,
              position: 'insideBottomRight',
              fill: TEXT,
              fontSize: 11,
            }}
          />
        </BarChart>
      </div>
      <details className="report-chart__table no-print">
        <summary>Show the figures as a table</summary>
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">{title.charAt(0).toUpperCase() + title.slice(1)}</th>
              <th scope="col" className="num">
                Within {target} minutes
              </th>
              <th scope="col" className="num">
                Handover time known
              </th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.code}>
                <th scope="row">{bar.label}</th>
                <td className="num">{bar.pct.toFixed(1)}%</td>
                <td className="num">{formatCount(bar.known)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

function DistributionChart({
  row,
  columns,
  target,
}: {
  row: ReportRecord;
  columns: readonly string[];
  target: number;
}) {
  const bins = distributionBins(row, columns);
  const known = bins.reduce((sum, bin) => sum + bin.count, 0);
  return (
    <figure className="report-chart" data-testid="chart-over-counts">
      <figcaption className="report-chart__caption">
        <span className="report-chart__title">Handover times: {textCell(row, 'name')}</span>
        <span className="report-chart__description">
          {formatCount(known)} handovers with a known time, by arrival to handover. Target: {target} minutes.
        </span>
      </figcaption>
      <div className="report-chart__plot" aria-hidden="true">
        <BarChart
          width={WIDTH}
          height={DISTRIBUTION_HEIGHT}
          style={scaled(DISTRIBUTION_HEIGHT)}
          data={bins}
          margin={{ top: 24, right: 16, bottom: 4, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid stroke="#d8dde0" vertical={false} />
          <XAxis dataKey="label" interval={0} tick={{ fill: TEXT, fontSize: 13 }} />
          <YAxis
            allowDecimals={false}
            width={56}
            tick={{ fill: GREY, fontSize: 12 }}
            tickFormatter={(value: number) => formatCount(value)}
          />
          <Bar dataKey="count" isAnimationActive={false}>
            {bins.map((bin) => (
              // A dark edge keeps the light yellow bar visible against white (non-text contrast).
              <Cell key={bin.label} fill={BAND_COLOURS[bin.band]} stroke={TEXT} strokeWidth={0.75} />
            ))}
            <LabelList
              dataKey="count"
              position="top"
              fill={TEXT}
              fontSize={13}
              fontWeight={700}
              formatter={(value) => formatCount(typeof value === 'number' ? value : null)}
            />
          </Bar>
        </BarChart>
      </div>
      <details className="report-chart__table no-print">
        <summary>Show the figures as a table</summary>
        <table className="report-table">
          <thead>
            <tr>
              <th scope="col">Arrival to handover</th>
              <th scope="col" className="num">
                Handovers
              </th>
            </tr>
          </thead>
          <tbody>
            {bins.map((bin) => (
              <tr key={bin.label}>
                <th scope="row">{bin.label}</th>
                <td className="num">{formatCount(bin.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

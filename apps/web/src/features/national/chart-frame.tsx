import { type ReactNode, useState } from 'react';

interface ChartFrameProps {
  title: string;
  /** One sentence on what the chart shows and how to read it. */
  description: string;
  /** The same figures as a table, for screen readers and anyone who prefers numbers. */
  table: ReactNode;
  /** A key under the chart, in words as well as colours. */
  legend?: ReactNode;
  testId: string;
  children: ReactNode;
}

/** A chart with its title, a plain description, a key, and its figures as a table on request. */
export function ChartFrame({ title, description, table, legend, testId, children }: ChartFrameProps) {
  // A closed table shows nothing: it is rendered only while open, not on every refresh.
  const [open, setOpen] = useState(false);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption className="chart__caption">
        <span className="chart__title">{title}</span>
        <span className="chart__description">{description}</span>
      </figcaption>
      <div className="chart__plot" aria-hidden="true">
        {children}
      </div>
      {legend}
      <details className="chart__table" onToggle={(event) => setOpen(event.currentTarget.open)}>
        <summary>Show the figures as a table</summary>
        {open && table}
      </details>
    </figure>
  );
}

/**
 * A chart's figures as a table: a header row, then one row a bar or point, its name first (a row
 * header) and its figures as text.
 */
export function ChartTable({
  head,
  rows,
}: {
  head: readonly string[];
  rows: readonly (readonly [name: string, ...figures: (string | number)[]])[];
}) {
  return (
    <table className="chart-table">
      <thead>
        <tr>
          {head.map((title) => (
            <th key={title} scope="col">
              {title}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, ...figures], index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows keep their order; names may repeat (25-hour days).
          <tr key={index}>
            <th scope="row">{name}</th>
            {figures.map((figure, column) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the columns are fixed.
              <td key={column}>{figure}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Legend words in the text colour: recharts colours them like their series, too faint for yellow. */
export function legendText(value: string): ReactNode {
  return <span className="chart__legend-text">{value}</span>;
}

/**
 * What every chart here gives recharts: fill the plot box, and no keyboard layer (the plot is hidden
 * from assistive technology; the table carries the figures).
 */
export const PLOT_PROPS = {
  responsive: true,
  style: { width: '100%', height: '100%' },
  accessibilityLayer: false,
} as const;

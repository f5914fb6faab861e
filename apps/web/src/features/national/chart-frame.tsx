import type { ReactNode } from 'react';

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
      <details className="chart__table">
        <summary>Show the figures as a table</summary>
        {table}
      </details>
    </figure>
  );
}

/** Legend words in the text colour: recharts colours them like their series, too faint for yellow. */
export function legendText(value: string): ReactNode {
  return <span className="chart__legend-text">{value}</span>;
}

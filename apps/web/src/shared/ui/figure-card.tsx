import type { ReactNode } from 'react';
import './figure-card.css';

/**
 * One headline figure, in a list of them (`<dl className="figure-cards">`): what it is, the number,
 * and a line of context. An alert figure (past the maximum, say) gets a red edge.
 */
export function FigureCard({
  label,
  value,
  testId,
  alert = false,
  valueClassName,
  children,
}: {
  label: string;
  value: string;
  testId: string;
  alert?: boolean;
  /** A page's own class for the number (the wall display keeps its ticking numbers in a fixed box). */
  valueClassName?: string;
  children: ReactNode;
}) {
  return (
    <div className={`figure-card${alert ? ' figure-card--alert' : ''}`} data-testid={testId}>
      <dt className="figure-card__label">{label}</dt>
      <dd className={`figure-card__value${valueClassName === undefined ? '' : ` ${valueClassName}`}`}>
        {value}
      </dd>
      <dd className="figure-card__note">{children}</dd>
    </div>
  );
}

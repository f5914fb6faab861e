import type { ReactNode, Ref } from 'react';
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
  valueRef,
  children,
}: {
  label: string;
  value: string;
  testId: string;
  alert?: boolean;
  /** A page's own class for the number (the wall display keeps its ticking numbers in a fixed box). */
  valueClassName?: string;
  /** The number's element, for a page that rewrites it on each tick without a render. */
  valueRef?: Ref<HTMLElement>;
  children: ReactNode;
}) {
  return (
    <div className={`figure-card${alert ? ' figure-card--alert' : ''}`} data-testid={testId}>
      <dt className="figure-card__label">{label}</dt>
      <dd
        className={`figure-card__value${valueClassName === undefined ? '' : ` ${valueClassName}`}`}
        ref={valueRef}
      >
        {value}
      </dd>
      <dd className="figure-card__note">{children}</dd>
    </div>
  );
}

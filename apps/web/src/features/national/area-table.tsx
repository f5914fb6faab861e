import type { Thresholds } from '@handover/domain';
import { memo, type ReactNode, useId, useMemo, useState } from 'react';
import { formatDurationWords, formatHoursMinutes, formatPercent } from '../../shared/lib/format-duration';
import { isPastMaximum, type Pressure } from '../../shared/lib/pressure';
import { Link } from '../../shared/router/link';
import { formatCount } from '../../shared/ui/format-count';
import { PressureBadge } from '../../shared/ui/pressure-badge';
import type { AreaRow } from './drill-down';
import { nextOrder, type SortKey, type SortOrder, sortRows } from './table-sort';

interface AreaTableProps {
  title: string;
  /** What each row is: "Region", "Acute trust", "Site". */
  nameHeader: string;
  rows: readonly AreaRow[];
  thresholds: Thresholds;
  /** Adds a column with each row's region (trusts listed for all of England). */
  showParent?: boolean;
  initialOrder?: SortOrder;
  /** Extra links per row (a site's wall display). */
  actions?: (row: AreaRow) => ReactNode;
  /** Fewer columns, for a narrow panel: the rows' tint and longest wait still show pressure. */
  compact?: boolean;
  /** The row whose details show below the table (a trust's chosen site). */
  selectedCode?: string;
  /** Rows shown before "Show all"; with it, a box to find a row by name. */
  pageSize?: number;
  testId: string;
}

/**
 * A sortable table of areas, each linking one level down. Column headers are buttons (keyboard
 * reachable) and announce their order with aria-sort. Renders again only when given new rows (or
 * other props): the page's other parts refresh on their own ticks.
 */
export const AreaTable = memo(function AreaTable({
  title,
  nameHeader,
  rows,
  thresholds,
  showParent = false,
  initialOrder = { key: 'hoursLost', direction: 'descending' },
  actions,
  compact = false,
  selectedCode,
  pageSize,
  testId,
}: AreaTableProps) {
  const [order, setOrder] = useState<SortOrder>(initialOrder);
  const [showAll, setShowAll] = useState(false);
  const [search, setSearch] = useState('');
  const filterId = useId();
  const sorted = useMemo(() => sortRows(filterRows(rows, search), order), [rows, order, search]);
  const shown = pageSize === undefined || showAll ? sorted : sorted.slice(0, pageSize);
  const [b1, , , b4] = thresholds.bandMinutes;

  const header = (key: SortKey, label: string, numeric = true) => (
    <th
      scope="col"
      className={numeric ? 'num' : undefined}
      aria-sort={order.key === key ? order.direction : undefined}
    >
      <button type="button" className="sort-button" onClick={() => setOrder(nextOrder(order, key))}>
        {label}
        <span
          className={`sort-button__arrow sort-button__arrow--${order.key === key ? order.direction : 'none'}`}
          aria-hidden="true"
        />
      </button>
    </th>
  );

  return (
    <section className="area-table" aria-labelledby={`${testId}-title`}>
      <div className="area-table__top">
        <h2 id={`${testId}-title`} className="panel__title">
          {title}{' '}
          <span className="panel__count">
            {/* While a search narrows the table, say how many of all are shown. */}
            {sorted.length === rows.length ? rows.length : `${sorted.length} of ${rows.length}`}
          </span>
        </h2>
        {pageSize !== undefined && (
          <div className="area-table__filter">
            <label htmlFor={filterId}>Find by name</label>
            <input
              id={filterId}
              type="search"
              className="area-table__search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              autoComplete="off"
            />
          </div>
        )}
      </div>
      <div className="area-table__scroll">
        <table className="area-table__table" data-testid={testId}>
          <thead>
            <tr>
              {header('name', nameHeader, false)}
              {showParent && <th scope="col">Region</th>}
              {!compact && header('pressure', 'Pressure now', false)}
              {!compact && header('handovers', 'Handovers today')}
              {header('within15', `Within ${b1} min`)}
              {!compact && header('over60', `Over ${b4} min`)}
              {header('hoursLost', 'Hours lost today')}
              {header('waitingNow', compact ? 'Waiting now' : 'Crews waiting now')}
              {header('longestWait', compact ? 'Longest wait' : 'Longest wait now')}
              {actions !== undefined && <th scope="col">Open</th>}
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <AreaTableRow
                key={row.code}
                code={row.code}
                name={row.name}
                href={row.href}
                parent={showParent ? (row.parent ?? '–') : undefined}
                pressure={row.pressure}
                handovers={formatCount(row.figures.today.allHandovers)}
                within15={formatPercent(row.figures.today.within15Share)}
                over60={formatCount(row.figures.today.over60)}
                hoursLost={formatHoursMinutes(row.figures.hoursLostTodayMs)}
                waitingNow={row.figures.heldNow}
                longestWait={
                  row.figures.longestWaitMs === null ? '–' : formatDurationWords(row.figures.longestWaitMs)
                }
                compact={compact}
                selected={row.code === selectedCode}
                actions={actions === undefined ? undefined : actions(row)}
                thresholds={thresholds}
              />
            ))}
          </tbody>
        </table>
        {sorted.length === 0 && <p className="panel__empty">Nothing matches “{search}”.</p>}
        {shown.length < sorted.length && (
          <button
            type="button"
            className="button button--secondary area-table__more"
            onClick={() => setShowAll(true)}
          >
            Show all {sorted.length}
          </button>
        )}
      </div>
    </section>
  );
});

interface AreaTableRowProps {
  code: string;
  name: string;
  href: string;
  /** The region column's text, when the table has one. */
  parent: string | undefined;
  pressure: Pressure;
  handovers: string;
  within15: string;
  over60: string;
  hoursLost: string;
  waitingNow: number;
  longestWait: string;
  compact: boolean;
  selected: boolean;
  actions: ReactNode;
  thresholds: Thresholds;
}

/**
 * One area, as text: a refresh re-renders only the rows whose words changed, and in them only the
 * cells (the name, its link and the pressure badge render again only when they change).
 */
const AreaTableRow = memo(function AreaTableRow(props: AreaTableRowProps) {
  const { code, name, href, parent, pressure, compact, selected, actions, thresholds } = props;
  return (
    <tr className={rowClass(pressure, selected)} data-testid="area-row" data-code={code}>
      <AreaName name={name} href={href} selected={selected} />
      {parent !== undefined && <td className="area-table__parent">{parent}</td>}
      {!compact && (
        <td>
          <Badge pressure={pressure} thresholds={thresholds} />
        </td>
      )}
      {!compact && <td className="num">{props.handovers}</td>}
      <td className="num">{props.within15}</td>
      {!compact && <td className="num">{props.over60}</td>}
      <td className="num">{props.hoursLost}</td>
      <td className="num">{props.waitingNow}</td>
      <td className="num">{props.longestWait}</td>
      {actions !== undefined && <td className="area-table__actions">{actions}</td>}
    </tr>
  );
});

const AreaName = memo(function AreaName({
  name,
  href,
  selected,
}: {
  name: string;
  href: string;
  selected: boolean;
}) {
  return (
    <th scope="row" className="area-table__name">
      <Link to={href} aria-current={selected ? 'true' : undefined}>
        {name}
      </Link>
      {selected && <span className="area-table__note">listed below</span>}
    </th>
  );
});

const Badge = memo(PressureBadge);

function rowClass(pressure: Pressure, selected: boolean): string | undefined {
  const classes = [
    isPastMaximum(pressure) ? `area-table__row--${pressure}` : '',
    selected ? 'area-table__row--selected' : '',
  ].filter((name) => name !== '');
  return classes.length === 0 ? undefined : classes.join(' ');
}

/** Rows whose name (or region) contains the search text, ignoring case. */
export function filterRows(rows: readonly AreaRow[], search: string): readonly AreaRow[] {
  const wanted = search.trim().toLowerCase();
  if (wanted === '') return rows;
  return rows.filter(
    (row) => row.name.toLowerCase().includes(wanted) || (row.parent ?? '').toLowerCase().includes(wanted),
  );
}

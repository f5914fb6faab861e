import type { ReactNode } from 'react';
import type { ReportRecord } from './report-api';
import { type MetricColumn, type TrustGroup, textCell } from './report-rows';

/** One row of a 16:00 table: the organisation, its code, then each figure. */
function MetricRow({
  row,
  columns,
  kind,
}: {
  row: ReportRecord;
  columns: readonly MetricColumn[];
  kind: 'plain' | 'trust' | 'site';
}) {
  return (
    <tr
      className={`report-table__row report-table__row--${kind}`}
      data-testid="report-row"
      data-level={textCell(row, 'level')}
      data-code={textCell(row, 'code')}
    >
      <th scope="row" className="report-table__name">
        {kind === 'site' && <span className="visually-hidden">Site: </span>}
        {textCell(row, 'name')}
      </th>
      <td className="report-table__code">{textCell(row, 'code')}</td>
      {columns.map((column) => (
        <td key={column.key} className="num" data-column={column.key}>
          {column.format(row)}
        </td>
      ))}
    </tr>
  );
}

function Head({ columns, first }: { columns: readonly MetricColumn[]; first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">Code</th>
        {columns.map((column) => (
          <th key={column.key} scope="col" className="num" data-column={column.key}>
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A titled table section; the table scrolls sideways on a narrow screen, never on paper. */
function TableSection({
  id,
  title,
  note,
  children,
}: {
  id: string;
  title: string;
  note?: string;
  children: ReactNode;
}) {
  return (
    <section className="report-section" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="report-section__title">
        {title}
      </h3>
      {note !== undefined && <p className="report-section__note">{note}</p>}
      <div className="report-table__scroll">{children}</div>
    </section>
  );
}

/** Regions or ambulance trusts: one row each. */
export function FlatTable({
  id,
  title,
  first,
  rows,
  columns,
  testId,
  note,
}: {
  id: string;
  title: string;
  first: string;
  rows: readonly ReportRecord[];
  columns: readonly MetricColumn[];
  testId: string;
  note?: string;
}) {
  if (rows.length === 0) return null;
  return (
    <TableSection id={id} title={title} {...(note === undefined ? {} : { note })}>
      <table className="report-table" data-testid={testId}>
        <Head columns={columns} first={first} />
        <tbody>
          {rows.map((row) => (
            <MetricRow key={textCell(row, 'code')} row={row} columns={columns} kind="plain" />
          ))}
        </tbody>
      </table>
    </TableSection>
  );
}

/**
 * Acute trusts, each followed by a row per site. Each trust is its own row group, which the print
 * stylesheet keeps on one page with its sites.
 */
export function TrustTable({
  groups,
  columns,
  siteName,
}: {
  groups: readonly TrustGroup[];
  columns: readonly MetricColumn[];
  /** A trust's name when the reader sees only its sites (no trust row). */
  siteName: (trustCode: string) => string;
}) {
  if (groups.length === 0) return null;
  const hasTrustRows = groups.some((group) => group.trust !== null);
  return (
    <TableSection
      id="report-trusts"
      title={hasTrustRows ? 'Acute trusts and their sites' : 'Sites'}
      note="Attributed to the receiving acute trust. Hours to one decimal place (the CSV has five); times as h:mm:ss."
    >
      <table className="report-table report-table--trusts" data-testid="report-trust-table">
        <Head columns={columns} first={hasTrustRows ? 'Acute trust / site' : 'Site'} />
        {groups.map((group) => (
          <tbody key={group.trustCode} className="report-table__group">
            {group.trust === null ? (
              hasTrustRows ? null : (
                <tr className="report-table__row report-table__row--trust-name">
                  <th scope="rowgroup" colSpan={columns.length + 2}>
                    {siteName(group.trustCode)}
                  </th>
                </tr>
              )
            ) : (
              <MetricRow row={group.trust} columns={columns} kind="trust" />
            )}
            {group.sites.map((site) => (
              <MetricRow key={textCell(site, 'code')} row={site} columns={columns} kind="site" />
            ))}
          </tbody>
        ))}
      </table>
    </TableSection>
  );
}

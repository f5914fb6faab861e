import { useState } from 'react';
import { Link } from '../../shared/router/link';
import type { CellValue, ReportBody } from './report-api';
import { formatInstant } from './report-dates';

/** How many changed cells are listed at first, and how many more each "Show more" adds. */
const FIRST_CHANGES = 25;
const MORE_CHANGES = 500;

/**
 * Every version of the report (version 1 frozen at the cut-off, each later one a revision), the one
 * shown marked as current. Links, so each version has its own address and the list works by keyboard.
 */
export function ReportVersions({ body, pathOf }: { body: ReportBody; pathOf: (version: number) => string }) {
  if (body.versions.length === 0) return null;
  const latest = body.latestVersion;
  // Versions are of the national report: their counts of changed cells are national.
  const national = body.scope === 'england';
  return (
    <nav className="report-versions no-print" aria-label="Versions" data-testid="report-versions">
      <h3 className="report-versions__title">Versions</h3>
      <ol className="report-versions__list">
        {body.versions.map((version) => {
          const current = version.version === body.version;
          return (
            <li
              key={version.version}
              className={`report-versions__item${current ? ' report-versions__item--current' : ''}`}
              data-testid="report-version-item"
              data-version={version.version}
            >
              <Link to={pathOf(version.version)} aria-current={current ? 'page' : undefined}>
                Version {version.version}
              </Link>{' '}
              <span className="report-versions__status">{version.status}</span>
              <span className="report-versions__detail">
                {version.version === 1 ? 'as at' : 'revised as at'} {formatInstant(version.asAt)}
                {version.version > 1 &&
                  ` · ${version.changedCells.toLocaleString('en-GB')} ${version.changedCells === 1 ? 'cell' : 'cells'} changed${national ? '' : ' in the national report'}`}
              </span>
            </li>
          );
        })}
      </ol>
      {latest !== null && body.version !== null && body.version < latest && (
        <p className="report-versions__older" role="note">
          This is not the latest version. <Link to={pathOf(latest)}>See version {latest}</Link>.
        </p>
      )}
    </nav>
  );
}

/**
 * What this version changed against the one before: each changed cell, before -> after, for the rows
 * the reader sees; then rows that came or went.
 */
export function ReportChanges({
  body,
  rowName,
  columnName,
  formatValue,
}: {
  body: ReportBody;
  /** The organisation a row key ('site/RRK15', 'RRK/RRK15') names. */
  rowName: (key: string) => string;
  columnName: (column: string) => string;
  formatValue: (column: string, value: CellValue) => string;
}) {
  const [limit, setLimit] = useState(FIRST_CHANGES);
  if (body.version === null || body.version === 1) return null;
  const { changes, rowsAdded, rowsRemoved } = body;
  const shown = changes.slice(0, limit);
  const hidden = changes.length - shown.length;
  return (
    <section
      className="report-section report-changes"
      data-testid="report-changes"
      aria-labelledby="report-changes-title"
    >
      <h3 id="report-changes-title" className="report-section__title">
        What changed in version {body.version} (against version {body.version - 1})
      </h3>
      {changes.length === 0 && rowsAdded.length === 0 && rowsRemoved.length === 0 ? (
        <p>Nothing changed in the rows this credential sees.</p>
      ) : (
        <>
          <p className="report-changes__summary">
            {changes.length.toLocaleString('en-GB')} {changes.length === 1 ? 'cell' : 'cells'} changed
            {changes.length > 0 && ' (corrections, late stamps, handovers closing or going stale)'}.
          </p>
          {changes.length > 0 && (
            <table className="report-table report-changes__table">
              <thead>
                <tr>
                  <th scope="col">Organisation</th>
                  <th scope="col">Figure</th>
                  <th scope="col" className="num">
                    Before
                  </th>
                  <th scope="col" className="report-changes__arrow">
                    <span className="visually-hidden">to</span>
                  </th>
                  <th scope="col" className="num">
                    After
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((change) => (
                  <tr key={`${change.row}|${change.column}`} data-testid="report-change">
                    <th scope="row">{rowName(change.row)}</th>
                    <td>{columnName(change.column)}</td>
                    <td className="num" data-testid="change-before">
                      {formatValue(change.column, change.before)}
                    </td>
                    <td className="report-changes__arrow" aria-hidden="true">
                      →
                    </td>
                    <td className="num" data-testid="change-after">
                      {formatValue(change.column, change.after)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {hidden > 0 && (
            <p className="report-changes__more">
              <span className="print-only">
                And {hidden.toLocaleString('en-GB')} more changed cells, listed on the report's web page.
              </span>
              <button
                type="button"
                className="button button--secondary report-button no-print"
                onClick={() => setLimit((current) => current + MORE_CHANGES)}
              >
                {hidden <= MORE_CHANGES
                  ? `Show all ${changes.length.toLocaleString('en-GB')} changes`
                  : `Show ${MORE_CHANGES} more changes (${hidden.toLocaleString('en-GB')} not shown)`}
              </button>
            </p>
          )}
          {rowsAdded.length > 0 && <p>Rows added: {rowsAdded.map(rowName).join(', ')}.</p>}
          {rowsRemoved.length > 0 && <p>Rows removed: {rowsRemoved.map(rowName).join(', ')}.</p>}
        </>
      )}
    </section>
  );
}

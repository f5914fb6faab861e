import type { Thresholds } from '@handover/domain';
import { useState } from 'react';
import { formatDurationWords, formatHoursMinutes, formatPercent } from '../../shared/lib/format-duration';
import { isPastMaximum } from '../../shared/lib/pressure';
import { shortTrustName } from '../../shared/lib/trust-names';
import { PressureBadge } from '../../shared/ui/pressure-badge';
import type { ControlSiteRow } from './control-view';

interface SiteTableProps {
  active: readonly ControlSiteRow[];
  quiet: readonly ControlSiteRow[];
  thresholds: Thresholds;
}

/** Every hospital the trust's crews are at, most pressed first; sites past 45 minutes stand out. */
export function SiteTable({ active, quiet, thresholds }: SiteTableProps) {
  const [showQuiet, setShowQuiet] = useState(false);
  const [b1, , b3, b4] = thresholds.bandMinutes;
  return (
    <section className="panel control-panel control-panel--sites" aria-labelledby="sites-title">
      <h2 id="sites-title" className="panel__title">
        Hospitals <span className="panel__count">{active.length}</span>
        <span className="panel__hint">most pressed first</span>
      </h2>
      {active.length === 0 ? (
        <p className="control-panel__empty">No crews at any hospital just now.</p>
      ) : null}
      <div className="control-table__scroll">
        <table className="control-table" data-testid="control-sites">
          <thead>
            <tr>
              <th scope="col">Hospital</th>
              <th scope="col">Pressure</th>
              <th scope="col" className="num">
                Crews held
              </th>
              <th scope="col" className="num">
                Past {b3} min
              </th>
              <th scope="col" className="num">
                Longest wait
              </th>
              <th scope="col" className="num">
                Hours lost now
              </th>
              <th scope="col" className="num">
                Hours lost today
              </th>
              <th scope="col" className="num">
                Within {b1} min today
              </th>
            </tr>
          </thead>
          <tbody>
            {active.map((row) => (
              <SiteRow key={row.siteCode} row={row} thresholds={thresholds} over60Minutes={b4} />
            ))}
            {showQuiet &&
              quiet.map((row) => (
                <SiteRow key={row.siteCode} row={row} thresholds={thresholds} over60Minutes={b4} />
              ))}
          </tbody>
        </table>
        {quiet.length > 0 && (
          <button
            type="button"
            className="button button--secondary control-table__more"
            aria-expanded={showQuiet}
            onClick={() => setShowQuiet(!showQuiet)}
          >
            {showQuiet
              ? 'Hide hospitals with no crews now'
              : `Show ${quiet.length} more ${quiet.length === 1 ? 'hospital' : 'hospitals'} visited today`}
          </button>
        )}
      </div>
    </section>
  );
}

function SiteRow({
  row,
  thresholds,
  over60Minutes,
}: {
  row: ControlSiteRow;
  thresholds: Thresholds;
  over60Minutes: number;
}) {
  const { figures } = row;
  const { today } = figures;
  const highlight = isPastMaximum(row.pressure) ? ` control-table__row--${row.pressure}` : '';
  return (
    <tr
      className={`control-table__row${highlight}${figures.heldNow === 0 ? ' control-table__row--quiet' : ''}`}
      data-testid="control-site-row"
      data-site-code={row.siteCode}
      data-pressure={row.pressure}
    >
      <th scope="row" className="control-table__site">
        <span className="control-table__site-name">{row.name}</span>
        {row.trustName !== undefined && (
          <span className="control-table__trust">{shortTrustName(row.trustName)}</span>
        )}
      </th>
      <td>
        <PressureBadge pressure={row.pressure} thresholds={thresholds} />
      </td>
      <td className="num">
        <strong className="control-table__big">{figures.heldNow}</strong>
        {row.awaitingClear > 0 && <span className="control-table__note">+{row.awaitingClear} not clear</span>}
      </td>
      <td className="num">
        <strong className="control-table__big">{figures.over45Now}</strong>
        {figures.over60Now > 0 && (
          <span className="control-table__note">
            {figures.over60Now} past {over60Minutes}
          </span>
        )}
      </td>
      <td className="num">
        {figures.longestWaitMs === null ? '–' : formatDurationWords(figures.longestWaitMs)}
      </td>
      <td className="num">{formatHoursMinutes(figures.hoursLostNowMs)}</td>
      <td className="num">{formatHoursMinutes(figures.hoursLostTodayMs)}</td>
      <td className="num">
        {formatPercent(today.within15Share)}
        {today.known > 0 && <span className="control-table__note">of {today.known}</span>}
      </td>
    </tr>
  );
}

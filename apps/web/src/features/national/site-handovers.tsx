import type { Thresholds } from '@handover/domain';
import { useState } from 'react';
import { formatClock } from '../../shared/lib/format-duration';
import { formatLondonTimeNear } from '../../shared/lib/format-time';
import { shortAmbulanceServiceName } from '../../shared/lib/trust-names';
import { Link } from '../../shared/router/link';
import { BandBadge } from '../../shared/ui/band-badge';
import type { OrganisationDirectory } from '../../stores/organisations-store';
import type { SiteHandoverRow } from './drill-down';

const PAGE = 25;

const STATE_WORDS: Record<SiteHandoverRow['state'], string> = {
  inbound: 'On the way',
  waiting: 'Waiting',
  cohorted: 'Cohorted',
  handed_over: 'Handed over',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

/**
 * The handovers at one site in the last 24 hours, newest first: callsign, times and band only
 * (anonymised: nothing about the patient), each linking to its timeline.
 */
export function SiteHandovers({
  siteName,
  rows,
  now,
  thresholds,
  directory,
}: {
  siteName: string;
  rows: readonly SiteHandoverRow[];
  now: number;
  thresholds: Thresholds;
  directory: OrganisationDirectory | null;
}) {
  const [shown, setShown] = useState(PAGE);
  const time = (instant: number | undefined) =>
    instant === undefined ? '–' : formatLondonTimeNear(instant, now);
  return (
    <section className="site-handovers" aria-labelledby="site-handovers-title" data-testid="site-handovers">
      <h2 id="site-handovers-title" className="panel__title">
        Handovers at {siteName} <span className="panel__count">{rows.length}</span>
        <span className="panel__hint">last 24 hours, newest first · UK time</span>
      </h2>
      {rows.length === 0 ? (
        <p className="panel__empty">No ambulances have arrived here in the last 24 hours.</p>
      ) : (
        <div className="area-table__scroll">
          <table className="area-table__table">
            <thead>
              <tr>
                <th scope="col">Callsign</th>
                <th scope="col">Ambulance service</th>
                <th scope="col">Arrived</th>
                <th scope="col">Handed over</th>
                <th scope="col" className="num">
                  Arrival to handover
                </th>
                <th scope="col">Band</th>
                <th scope="col">Crew clear</th>
                <th scope="col">State</th>
                <th scope="col">Timeline</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, shown).map((row) => {
                const service = directory?.ambulanceTrust(row.ambulanceTrustCode)?.name;
                return (
                  <tr key={row.handoverId} data-testid="site-handover-row" data-handover-id={row.handoverId}>
                    <th scope="row" className="site-handovers__callsign">
                      {row.callsign}
                    </th>
                    <td>
                      {service === undefined ? row.ambulanceTrustCode : shortAmbulanceServiceName(service)}
                    </td>
                    <td className="num-left">{time(row.arrivedAt)}</td>
                    <td className="num-left">{time(row.handedOverAt)}</td>
                    <td className="num">
                      {row.clockMs === undefined ? '–' : formatClock(row.clockMs)}
                      {row.handedOverAt === undefined && row.clockMs !== undefined && (
                        <span className="area-table__note">so far</span>
                      )}
                    </td>
                    <td>
                      {row.band === undefined ? '–' : <BandBadge band={row.band} thresholds={thresholds} />}
                    </td>
                    <td className="num-left">{time(row.clearedAt)}</td>
                    <td>{STATE_WORDS[row.state]}</td>
                    <td>
                      <Link
                        to={`/handover/${encodeURIComponent(row.handoverId)}`}
                        aria-label={`Timeline of ${row.callsign}, arrived ${time(row.arrivedAt)}`}
                      >
                        Timeline
                      </Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {rows.length > shown && (
            <button
              type="button"
              className="button button--secondary site-handovers__more"
              onClick={() => setShown(shown + PAGE)}
            >
              Show {Math.min(PAGE, rows.length - shown)} more of {rows.length - shown}
            </button>
          )}
        </div>
      )}
    </section>
  );
}

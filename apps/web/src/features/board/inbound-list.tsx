import type { Handover } from '@handover/domain';
import { useStore } from 'zustand';
import { formatDurationWords } from '../../shared/lib/format-duration';
import { formatLondonTime } from '../../shared/lib/format-time';
import { shortAmbulanceServiceName } from '../../shared/lib/trust-names';
import { MarkIcon } from '../../shared/ui/icons/mark-icon';
import { serverNow } from '../../stores/live-store';
import { useOrganisations } from '../../stores/organisations-store';
import { tickStore } from '../../stores/tick-store';

const MAX_SHOWN = 4;

/** Pre-alerted ambulances on their way, soonest first: the clock has not started for them. */
export function InboundList({ inbound }: { inbound: readonly Handover[] }) {
  const directory = useOrganisations();
  const shown = inbound.slice(0, MAX_SHOWN);
  return (
    <section className="inbound" aria-labelledby="inbound-title">
      <h2 className="inbound__title" id="inbound-title">
        <MarkIcon name="pre-alert" className="inbound__icon" />
        Inbound <span className="inbound__count">{inbound.length}</span>
      </h2>
      {inbound.length === 0 ? (
        <p className="inbound__none">No pre-alerts</p>
      ) : (
        <ul className="inbound__list">
          {shown.map((handover) => {
            const trust = directory?.ambulanceTrust(handover.ambulanceTrustCode)?.name;
            return (
              <li key={handover.handoverId} className="inbound__item" data-testid="inbound-row">
                <span className="inbound__callsign">{handover.callsign}</span>
                <Eta expectedAt={handover.expectedAt} />
                <span className="inbound__detail">
                  {handover.category === undefined ? '' : `Cat ${handover.category} · `}
                  {trust === undefined ? handover.ambulanceTrustCode : shortAmbulanceServiceName(trust)}
                </span>
              </li>
            );
          })}
          {inbound.length > MAX_SHOWN && (
            <li className="inbound__more">+ {inbound.length - MAX_SHOWN} more</li>
          )}
        </ul>
      )}
    </section>
  );
}

/** Re-rendered when its words change (about once a minute), not on every tick. */
function Eta({ expectedAt }: { expectedAt: number | undefined }) {
  const text = useStore(tickStore, () => etaText(expectedAt, serverNow()));
  return <span className="inbound__eta">{text}</span>;
}

function etaText(expectedAt: number | undefined, now: number): string {
  if (expectedAt === undefined) return 'ETA not given';
  const time = formatLondonTime(expectedAt);
  const until = expectedAt - now;
  if (until >= 60_000) return `ETA ${time} (in ${formatDurationWords(until)})`;
  if (until > -60_000) return `ETA ${time} (due now)`;
  return `ETA ${time} (${formatDurationWords(-until)} late)`;
}

import {
  bandAt,
  bandInfo,
  type Handover,
  type ReleaseRequestedEvent,
  type Thresholds,
} from '@handover/domain';
import { useState } from 'react';
import { formatDurationWords } from '../../shared/lib/format-duration';
import { formatLondonTimeNear } from '../../shared/lib/format-time';
import { releaseStatus } from '../../shared/lib/release-status';
import { Link } from '../../shared/router/link';
import { BandBadge } from '../../shared/ui/band-badge';
import { Dialog } from '../../shared/ui/dialog';
import { Elapsed } from '../../shared/ui/elapsed';
import { BandIcon } from '../../shared/ui/icons/band-icon';
import { serverNow } from '../../stores/live-store';
import type { OrganisationDirectory } from '../../stores/organisations-store';
import { releaseRequestEvent, sendReleaseRequest } from './release-request';

/** A request this page has sent (or is sending) and the server has not yet shown back live. */
type Sending =
  | { state: 'sending'; event: ReleaseRequestedEvent }
  | { state: 'failed'; event: ReleaseRequestedEvent; message: string; canRetry: boolean };

interface HeldCrewsProps {
  held: readonly Handover[];
  now: number;
  thresholds: Thresholds;
  directory: OrganisationDirectory | null;
  token: string | null;
  canRequest: boolean;
}

/** Every crew held now, longest first, with where Release to Respond stands and the request action. */
export function HeldCrews({ held, now, thresholds, directory, token, canRequest }: HeldCrewsProps) {
  const [sending, setSending] = useState<ReadonlyMap<string, Sending>>(new Map());
  const [confirming, setConfirming] = useState<Handover | null>(null);

  const update = (handoverId: string, next: Sending | null) =>
    setSending((current) => {
      const copy = new Map(current);
      if (next === null) copy.delete(handoverId);
      else copy.set(handoverId, next);
      return copy;
    });

  const send = async (event: ReleaseRequestedEvent) => {
    if (token === null) return;
    update(event.handoverId, { state: 'sending', event });
    const outcome = await sendReleaseRequest(token, event);
    // Success: the request shows once the live event arrives, which normally beats this answer.
    update(event.handoverId, outcome.ok ? null : { state: 'failed', event, ...outcome });
  };

  const siteName = (code: string) => directory?.site(code)?.name ?? code;
  return (
    <section className="panel control-panel control-panel--crews" aria-labelledby="held-title">
      <h2 id="held-title" className="panel__title">
        Crews held <span className="panel__count">{held.length}</span>
        <span className="panel__hint">longest first</span>
      </h2>
      {!canRequest && (
        <p className="control-panel__note">
          Viewing only: asking an ED to release a crew needs a control room credential.
        </p>
      )}
      {held.length === 0 ? (
        <p className="control-panel__empty">
          <BandIcon icon="check" className="control-panel__empty-icon" /> No crews held at any hospital.
        </p>
      ) : (
        <ol className="held-crews" aria-label="Crews held, longest wait first">
          {held.map((handover) => (
            <HeldCrew
              key={handover.handoverId}
              handover={handover}
              now={now}
              thresholds={thresholds}
              siteName={siteName(handover.siteCode)}
              canRequest={canRequest && token !== null}
              sending={sending.get(handover.handoverId)}
              onRequest={() => setConfirming(handover)}
              onRetry={(event) => void send(event)}
            />
          ))}
        </ol>
      )}
      {confirming !== null && (
        <ConfirmRelease
          handover={confirming}
          siteName={siteName(confirming.siteCode)}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null);
            void send(releaseRequestEvent(confirming.handoverId, serverNow()));
          }}
        />
      )}
    </section>
  );
}

interface HeldCrewProps {
  handover: Handover;
  now: number;
  thresholds: Thresholds;
  siteName: string;
  canRequest: boolean;
  sending: Sending | undefined;
  onRequest: () => void;
  onRetry: (event: ReleaseRequestedEvent) => void;
}

function HeldCrew({
  handover,
  now,
  thresholds,
  siteName,
  canRequest,
  sending,
  onRequest,
  onRetry,
}: HeldCrewProps) {
  const { arrivedAt = now, callsign } = handover;
  const band = bandAt(handover, now, thresholds) ?? 'on_target';
  const status = releaseStatus(handover);
  // Once the request shows live, a failure seen earlier (a lost answer to a delivered request) is moot.
  const local = status.kind === 'open' ? undefined : sending;
  const label = `${callsign} at ${siteName}`;
  // A request may be made when none is open: the first, or again after the ED declined.
  const mayAsk = canRequest && status.kind !== 'open' && local?.state !== 'sending';

  return (
    <li
      className={`held-crew band--${band}`}
      data-testid="held-crew"
      data-handover-id={handover.handoverId}
      data-band={band}
      data-release={status.kind}
    >
      <span className="held-crew__flag">
        <BandIcon icon={bandInfo(band, thresholds).icon} className="held-crew__flag-icon" />
      </span>
      <div className="held-crew__main">
        <p className="held-crew__top">
          <span className="held-crew__callsign">{callsign}</span>
          <span className="held-crew__site">{siteName}</span>
          <Elapsed className="held-crew__clock" since={arrivedAt} />
        </p>
        <div className="held-crew__facts">
          <span>Arrived {formatLondonTimeNear(arrivedAt, now)}</span>
          {handover.category !== undefined && <span>Cat {handover.category}</span>}
          <BandBadge band={band} thresholds={thresholds} />
          <span className="held-crew__actions">
            {local?.state === 'failed' && local.canRetry && (
              <button
                type="button"
                className="button button--secondary held-crew__button"
                onClick={() => onRetry(local.event)}
                aria-label={`Try again: release request for ${label}`}
              >
                Try again
              </button>
            )}
            {mayAsk && !(local?.state === 'failed' && local.canRetry) && (
              <button
                type="button"
                className="button button--blue held-crew__button"
                onClick={onRequest}
                aria-label={`${status.kind === 'declined' ? 'Ask again' : 'Request release'}: ${label}`}
              >
                {status.kind === 'declined' ? 'Ask again' : 'Request release'}
              </button>
            )}
            <Link
              to={`/handover/${encodeURIComponent(handover.handoverId)}`}
              className="held-crew__link"
              aria-label={`Timeline: ${label}`}
            >
              Timeline
            </Link>
          </span>
        </div>
        {(status.kind !== 'none' || local !== undefined) && (
          <div className="held-crew__release">
            <ReleaseState handover={handover} now={now} />
            {local?.state === 'sending' && <span className="release-tag">Sending request…</span>}
            {local?.state === 'failed' && (
              <p className="held-crew__problem" role="alert">
                Not sent: {local.message}
              </p>
            )}
          </div>
        )}
      </div>
    </li>
  );
}

/** Where the last request stands, in words; the ED's answer arrives live. */
function ReleaseState({ handover, now }: { handover: Handover; now: number }) {
  const status = releaseStatus(handover);
  switch (status.kind) {
    case 'none':
      return null;
    case 'open':
      return (
        <span className="release-tag release-tag--open" data-testid="release-status">
          Release requested {formatLondonTimeNear(status.request.requestedAt, now)} · no answer yet (
          {formatDurationWords(now - status.request.requestedAt)})
        </span>
      );
    case 'released':
      return (
        <span className="release-tag release-tag--released" data-testid="release-status">
          Released by the ED {formatLondonTimeNear(status.respondedAt, now)}
        </span>
      );
    case 'declined':
      return (
        <span className="release-tag release-tag--declined" data-testid="release-status">
          Declined {formatLondonTimeNear(status.respondedAt, now)}: {status.reason}
        </span>
      );
  }
}

function ConfirmRelease({
  handover,
  siteName,
  onCancel,
  onConfirm,
}: {
  handover: Handover;
  siteName: string;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const waited = handover.arrivedAt === undefined ? null : serverNow() - handover.arrivedAt;
  return (
    <Dialog title={`Request release of ${handover.callsign}?`} onClose={onCancel}>
      <div className="confirm-release">
        <p>
          {siteName} ED will see the request on its wall display and entry tablet, and answer it here.
          {waited !== null && ` The crew has waited ${formatDurationWords(waited)}.`}
        </p>
        <div className="confirm-release__actions">
          <button type="button" className="button button--large" onClick={onConfirm}>
            Send release request
          </button>
          <button type="button" className="button button--secondary button--large" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </div>
    </Dialog>
  );
}

import type { Handover, ReleaseRequest } from '@handover/domain';
import { type FormEvent, useId, useState } from 'react';
import { formatDurationWords } from '../../shared/lib/format-duration';
import { formatLondonTimeNear } from '../../shared/lib/format-time';
import { requesterName } from '../../shared/lib/release-status';
import { Dialog } from '../../shared/ui/dialog';
import { MarkIcon } from '../../shared/ui/icons/mark-icon';
import { serverNow } from '../../stores/live-store';
import { releaseResponseEvent } from './entry-events';
import { describedBy, FieldError } from './form-errors';
import type { RecordEvent } from './record-event';

interface ReleaseAnswerProps {
  handover: Handover;
  request: ReleaseRequest;
  /** The ambulance service, as the row names it. */
  serviceName: string;
  /** "WM123, West Midlands Ambulance Service": names the buttons for screen readers. */
  label: string;
  record: RecordEvent;
}

/**
 * Control has asked for this crew back (Release to Respond): say who asked and when, and answer with
 * one big button either way. A decline needs a reason, which control sees. The answer goes through
 * the outbox like every other stamp, so it survives a dropped connection.
 */
export function ReleaseAnswer({ handover, request, serviceName, label, record }: ReleaseAnswerProps) {
  const [declining, setDeclining] = useState(false);
  const titleId = useId();
  const now = serverNow();
  const askedAgo = formatDurationWords(now - request.requestedAt);
  return (
    <section className="release-answer" aria-labelledby={titleId} data-testid="release-answer">
      <p id={titleId} className="release-answer__title">
        <MarkIcon name="release" className="release-answer__icon" />
        Release requested by {requesterName(request, serviceName)}
      </p>
      <p className="release-answer__when">
        Asked at {formatLondonTimeNear(request.requestedAt, now)} ({askedAgo} ago). Can the ED take over care
        so the crew can leave?
      </p>
      <div className="release-answer__actions">
        <button
          type="button"
          className="button button--large"
          aria-label={`Release crew: ${label}`}
          onClick={() => record(releaseResponseEvent(handover.handoverId, 'released', serverNow()))}
        >
          Release crew
        </button>
        <button
          type="button"
          className="button button--secondary button--large"
          aria-label={`Decline release: ${label}`}
          onClick={() => setDeclining(true)}
        >
          Decline…
        </button>
      </div>
      {declining && (
        <DeclineDialog
          callsign={handover.callsign}
          onClose={() => setDeclining(false)}
          onDecline={(reason) => {
            record(releaseResponseEvent(handover.handoverId, 'declined', serverNow(), reason));
            setDeclining(false);
          }}
        />
      )}
    </section>
  );
}

function DeclineDialog({
  callsign,
  onClose,
  onDecline,
}: {
  callsign: string;
  onClose: () => void;
  onDecline: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const reasonId = useId();
  const hintId = useId();
  const errorId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason.trim() === '') {
      setProblem('Enter why the crew cannot be released');
      // Back to the field: screen readers read its error with it (aria-describedby).
      document.getElementById(reasonId)?.focus();
      return;
    }
    onDecline(reason);
  };
  return (
    <Dialog title={`Decline release of ${callsign}`} onClose={onClose}>
      <form className="correction" onSubmit={submit} noValidate>
        <div className={problem === null ? 'entry-field' : 'entry-field entry-field--error'}>
          <label htmlFor={reasonId} className="entry-field__label">
            Reason
          </label>
          <p id={hintId} className="entry-field__hint">
            The control room sees it. No patient details.
          </p>
          <FieldError id={errorId} message={problem ?? undefined} />
          <textarea
            id={reasonId}
            className="entry-input entry-input--reason"
            value={reason}
            maxLength={500}
            rows={3}
            onChange={(event) => setReason(event.target.value)}
            aria-invalid={problem !== null}
            aria-describedby={describedBy(hintId, problem !== null && errorId)}
          />
        </div>
        <div className="correction__actions">
          <button type="submit" className="button button--warning button--large">
            Decline release
          </button>
          <button type="button" className="button button--secondary button--large" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

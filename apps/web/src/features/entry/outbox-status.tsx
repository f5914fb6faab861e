import type { Handover } from '@handover/domain';
import { formatDurationWords } from '../../shared/lib/format-duration';
import { useTickNow } from '../../stores/tick-store';
import { describeEvent } from './describe-event';
import type { Outbox, OutboxSnapshot } from './outbox/outbox';

/** How many recorded events have not reached the server yet: always visible in the header. */
export function OutboxCount({ snapshot }: { snapshot: OutboxSnapshot }) {
  const count = snapshot.pending.length;
  const state = count === 0 ? 'sent' : snapshot.needsSignIn ? 'blocked' : 'waiting';
  return (
    <p
      className={`outbox-count outbox-count--${state}`}
      data-testid="outbox-count"
      data-count={count}
      role="status"
    >
      {count === 0 ? 'All sent' : `${count} waiting to send`}
    </p>
  );
}

/** Why events are waiting, when the next try is, and a way to send them now. */
export function OutboxProblem({ snapshot, outbox }: { snapshot: OutboxSnapshot; outbox: Outbox }) {
  const now = useTickNow();
  const head = snapshot.pending[0];
  if (head === undefined) return null;
  return (
    <div className={`outbox-problem${snapshot.needsSignIn ? ' outbox-problem--blocked' : ''}`}>
      <p className="outbox-problem__text">
        <strong>Saved on this tablet, not sent yet.</strong> {detail(snapshot, now, head.lastProblem)}
      </p>
      {!snapshot.sending && (
        <button type="button" className="button button--secondary" onClick={() => void outbox.flush()}>
          Send now
        </button>
      )}
    </div>
  );
}

function detail(snapshot: OutboxSnapshot, now: number, lastProblem: string | null): string {
  if (snapshot.needsSignIn)
    return 'The server no longer accepts this credential: sign in again to send them.';
  if (snapshot.sending) return 'Sending…';
  const problem = lastProblem ?? 'Not sent yet';
  if (snapshot.nextAttemptAt === null) return `${problem}.`;
  const waitMs = snapshot.nextAttemptAt - now;
  return waitMs < 1_000
    ? `${problem}. Trying again…`
    : `${problem}. Trying again in ${formatDurationWords(waitMs)}.`;
}

/** Events the server refused, with its reason, until someone has read them. */
export function RefusedEvents({
  snapshot,
  outbox,
  handovers,
}: {
  snapshot: OutboxSnapshot;
  outbox: Outbox;
  handovers: ReadonlyMap<string, Handover>;
}) {
  if (snapshot.refused.length === 0) return null;
  return (
    <section className="refused" aria-labelledby="refused-title" data-testid="refused-events">
      <h2 id="refused-title" className="refused__title">
        Not recorded: the server refused {snapshot.refused.length === 1 ? 'this' : 'these'}
      </h2>
      <ul className="refused__list">
        {snapshot.refused.map((item) => (
          <li key={item.event.eventId} className="refused__item">
            <div>
              <p className="refused__what">{describeEvent(item.event, handovers)}</p>
              <p className="refused__why">{item.message}</p>
            </div>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => outbox.dismissRefused(item.event.eventId)}
            >
              Dismiss
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

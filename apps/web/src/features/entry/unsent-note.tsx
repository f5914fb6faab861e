import { useSyncExternalStore } from 'react';
import { pageOutbox } from './use-page-outbox';

/** Reassurance on a sign-in prompt: what this tablet recorded is kept, and sent after sign-in. */
export function UnsentNote() {
  const outbox = pageOutbox();
  const { pending } = useSyncExternalStore(outbox.subscribe, outbox.getSnapshot);
  if (pending.length === 0) return null;
  return (
    <p data-testid="outbox-count" data-count={pending.length}>
      <strong>
        {pending.length === 1
          ? '1 event recorded on this tablet is'
          : `${pending.length} events recorded on this tablet are`}{' '}
        kept
      </strong>{' '}
      and will be sent once you sign in again.
    </p>
  );
}

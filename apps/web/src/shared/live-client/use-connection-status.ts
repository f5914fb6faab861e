import { useLiveStore } from '../../stores/live-store';
import { useTickNow } from '../../stores/tick-store';
import { type ConnectionStatus, connectionStatus } from './connection-status';

/** The connection state as a person should see it now; re-evaluated every second. */
export function useConnectionStatus(): ConnectionStatus {
  const facts = useLiveStore((state) => state.connection);
  const now = useTickNow();
  return connectionStatus(facts, now);
}

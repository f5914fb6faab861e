import { useStore } from 'zustand';
import { liveStore, useLiveStore } from '../../stores/live-store';
import { tickStore } from '../../stores/tick-store';
import { type ConnectionState, type ConnectionStatus, connectionStatus } from './connection-status';

/** The connection state as a person should see it now; re-evaluated every second. */
export function useConnectionStatus(): ConnectionStatus {
  const facts = useLiveStore((state) => state.connection);
  const now = useStore(tickStore, (tick) => tick.now);
  return connectionStatus(facts, now);
}

/**
 * Only the state (live, stale, ...): checked every second, but re-renders only when it changes, not
 * when just the age of the data does.
 */
export function useConnectionState(): ConnectionState {
  const facts = useLiveStore((state) => state.connection);
  return useStore(tickStore, (tick) => connectionStatus(facts, tick.now).state);
}

/** The status at the last tick, read without subscribing (for text that ticks on its own). */
export function currentConnectionStatus(): ConnectionStatus {
  return connectionStatus(liveStore.getState().connection, tickStore.getState().now);
}

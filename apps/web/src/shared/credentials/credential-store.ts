import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/**
 * The credential this browser uses, kept in localStorage (one per origin) so a wall screen survives a
 * reboot. Kiosk links carry it in the URL fragment, which browsers never send to a server.
 */
export const CREDENTIAL_STORAGE_KEY = 'handover.credential';

interface CredentialState {
  token: string | null;
}

function readStoredToken(): string | null {
  try {
    return globalThis.localStorage?.getItem(CREDENTIAL_STORAGE_KEY) ?? null;
  } catch {
    // Storage can be disabled by policy: the credential then lasts for this page only.
    return null;
  }
}

export const credentialStore = createStore<CredentialState>()(() => ({ token: readStoredToken() }));

export function saveCredential(token: string): void {
  const trimmed = token.trim();
  try {
    localStorage.setItem(CREDENTIAL_STORAGE_KEY, trimmed);
  } catch {
    // See readStoredToken.
  }
  credentialStore.setState({ token: trimmed });
}

export function forgetCredential(): void {
  try {
    localStorage.removeItem(CREDENTIAL_STORAGE_KEY);
  } catch {
    // See readStoredToken.
  }
  credentialStore.setState({ token: null });
}

export function useCredential(): string | null {
  return useStore(credentialStore, (state) => state.token);
}

/**
 * Takes a credential from a kiosk link (`/board/RRK15#token=hvt_...`): stores it, then removes the
 * fragment so it is not left in the address bar, history or a screenshot.
 */
export function adoptCredentialFromUrl(
  location: Location = window.location,
  history: History = window.history,
): void {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = fragment.get('token');
  if (token === null || token.trim() === '') return;
  saveCredential(token);
  fragment.delete('token');
  const rest = fragment.toString();
  history.replaceState(
    history.state,
    '',
    `${location.pathname}${location.search}${rest === '' ? '' : `#${rest}`}`,
  );
}

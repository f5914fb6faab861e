import { describe, expect, it } from 'vitest';
import {
  adoptCredentialFromUrl,
  CREDENTIAL_STORAGE_KEY,
  credentialStore,
  forgetCredential,
} from './credential-store';

describe('credentials', () => {
  it('takes the token from a kiosk link, stores it and wipes it from the address bar', () => {
    window.history.replaceState(null, '', '/board/RRK15?chime=on#token=hvt_abc_def');
    adoptCredentialFromUrl();
    expect(localStorage.getItem(CREDENTIAL_STORAGE_KEY)).toBe('hvt_abc_def');
    expect(credentialStore.getState().token).toBe('hvt_abc_def');
    expect(window.location.href).toBe('http://localhost:3000/board/RRK15?chime=on');
  });

  it('keeps other fragment parts and leaves a link without a token alone', () => {
    forgetCredential();
    window.history.replaceState(null, '', '/board/RRK15#token=hvt_x&view=compact');
    adoptCredentialFromUrl();
    expect(window.location.hash).toBe('#view=compact');
    window.history.replaceState(null, '', '/entry/RRK15#other');
    forgetCredential();
    adoptCredentialFromUrl();
    expect(credentialStore.getState().token).toBeNull();
    expect(window.location.hash).toBe('#other');
  });
});

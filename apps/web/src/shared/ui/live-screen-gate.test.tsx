import type { Scope } from '@handover/protocol';
import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { liveStore } from '../../stores/live-store';
import { organisationsStore } from '../../stores/organisations-store';
import { directoryFixture } from '../../test-support/organisations-fixture';
import { forgetCredential, saveCredential } from '../credentials/credential-store';
import { LiveScreenGate } from './live-screen-gate';

// The gate's connection is the live client's business (tested on its own); here it is inert.
vi.mock('../live-client/page-live-client', () => ({ useLiveConnection: () => undefined }));

const scope = { kind: 'sites' as const, codes: ['RRK15'] };
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

function renderGate(forScope: Scope = scope) {
  return render(
    <LiveScreenGate scope={forScope} screenName="the ED wall display">
      <p>The board</p>
    </LiveScreenGate>,
  );
}

describe('live screen gate', () => {
  beforeEach(() => {
    organisationsStore.setState({ status: 'ready', directory: directoryFixture });
    liveStore.getState().reset(JSON.stringify(scope));
    window.history.replaceState(null, '', '/board/RRK15');
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    forgetCredential();
  });

  it('asks for sign-in when the browser has no credential, and comes back here afterwards', () => {
    forgetCredential();
    renderGate();
    expect(screen.getByRole('heading', { name: 'Sign in to see this screen' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'Sign in' }).getAttribute('href')).toBe(
      '/sign-in?next=%2Fboard%2FRRK15',
    );
  });

  it('says plainly when the server does not accept the credential', () => {
    saveCredential('hvt_old');
    act(() => liveStore.getState().refused('unauthorised', 'x'));
    renderGate();
    expect(screen.getByRole('heading', { name: 'This credential was not accepted' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'Sign in again' })).toBeDefined();
  });

  it('replaces a screen already showing data when its credential is revoked', () => {
    saveCredential('hvt_revoked');
    act(() => liveStore.getState().snapshot([], '3-0', Date.now(), Date.now()));
    renderGate();
    expect(screen.getByText('The board')).toBeDefined();
    act(() => liveStore.getState().refused('unauthorised', 'x'));
    expect(screen.getByRole('heading', { name: 'This credential was not accepted' })).toBeDefined();
    expect(screen.queryByText('The board')).toBeNull();
  });

  it('says the code in the address is not known when the server refuses a scope the directory lacks', () => {
    saveCredential('hvt_national');
    vi.stubGlobal('fetch', async () =>
      json(200, { label: 'National view', role: 'viewer', scope: { kind: 'england' } }),
    );
    const typo: Scope = { kind: 'sites', codes: ['ZZZ99'] };
    liveStore.getState().reset(JSON.stringify(typo));
    act(() => liveStore.getState().refused('forbidden', 'x'));
    renderGate(typo);
    expect(screen.getByRole('heading', { name: 'Check the address' })).toBeDefined();
    expect(
      screen.getByText('ZZZ99 is not a known site code. Check the address: it may have been typed wrongly.'),
    ).toBeDefined();
    expect(screen.queryByText('The board')).toBeNull();
    expect(screen.queryByText('This credential does not cover this screen')).toBeNull();
  });

  it('names what the credential covers and what the screen needs when the scope is refused', async () => {
    saveCredential('hvt_heartlands');
    vi.stubGlobal('fetch', async () =>
      json(200, { label: 'Heartlands ED', role: 'ed', scope: { kind: 'sites', codes: ['RRK97'] } }),
    );
    act(() => liveStore.getState().refused('forbidden', 'x'));
    renderGate();
    expect(
      await screen.findByText(
        'This credential covers Heartlands Hospital (RRK97); the ED wall display needs Queen Elizabeth Hospital Birmingham (RRK15).',
      ),
    ).toBeDefined();
  });

  it('still explains a refused scope when the server cannot say what the credential covers', async () => {
    saveCredential('hvt_other');
    vi.stubGlobal('fetch', async () => json(404, { error: { code: 'NOT_FOUND', message: 'No route' } }));
    act(() => liveStore.getState().refused('forbidden', 'x'));
    renderGate();
    expect(
      await screen.findByText(
        'This credential covers a different area; the ED wall display needs Queen Elizabeth Hospital Birmingham (RRK15).',
      ),
    ).toBeDefined();
  });

  it('shows the connection state until the first snapshot, then the screen', () => {
    saveCredential('hvt_ok');
    act(() => liveStore.getState().connecting(Date.now()));
    renderGate();
    expect(screen.getByText('Getting the latest handovers…')).toBeDefined();
    expect(screen.getByTestId('connection-banner').dataset.state).toBe('connecting');
    act(() => liveStore.getState().snapshot([], null, Date.now(), Date.now()));
    expect(screen.getByText('The board')).toBeDefined();
  });
});

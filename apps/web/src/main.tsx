import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { matchRoute, preloadScreen } from './app/screen-loader';
import { adoptCredentialFromUrl, credentialStore } from './shared/credentials/credential-store';
import { connectEarly, releaseEarlyConnection } from './shared/live-client/page-live-client';
import { loadOrganisations } from './stores/organisations-store';
import { startTicking } from './stores/tick-store';
import './app/global.css';

// Before anything renders: a kiosk link's credential is stored and wiped from the address bar.
adoptCredentialFromUrl();
startTicking();
// A live screen's snapshot and the names it shows are fetched while its code downloads, not after.
const token = credentialStore.getState().token;
const match = matchRoute(window.location.pathname);
const scope = match?.route.liveScope?.(match.params);
if (token !== null && scope) {
  connectEarly(token, scope);
  void loadOrganisations(token);
}

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
await preloadScreen(window.location.pathname);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// The screen's code is here and its first render due: a live screen has taken the connection over by
// then; any other lets it go.
setTimeout(releaseEarlyConnection, 10_000);

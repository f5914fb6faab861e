import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { preloadScreen } from './app/screen-loader';
import { adoptCredentialFromUrl } from './shared/credentials/credential-store';
import { startTicking } from './stores/tick-store';
import './app/global.css';

// Before anything renders: a kiosk link's credential is stored and wiped from the address bar.
adoptCredentialFromUrl();
startTicking();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root element');
await preloadScreen(window.location.pathname);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

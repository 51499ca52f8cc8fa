import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { installI18n } from './i18n';
import { registerOffline } from './app/offline';
import { prefetchStartupData } from './app/startApp';
import './ui/styles.css';

// The start-up data set's request goes out now, not after the first render.
prefetchStartupData();

// The interface language's catalogue is active before the first render (no English flash).
void installI18n().finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);

// Offline use after the first visit (app/offline.ts: the build's precaching service worker).
registerOffline();

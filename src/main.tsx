import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createApp } from './app/createApp';
import { installI18n } from './i18n';
import { registerOffline } from './app/offline';
import { prefetchStartupData } from './app/startApp';
import './ui/styles.css';

// The start-up data set's request goes out now, not after the first render.
prefetchStartupData();

/**
 * Makes an app run (app/createApp) and renders its page into #root; returns the unmount: the
 * React tree first, then the run's context, in reverse order of making.
 */
function mount(): () => void {
  const app = createApp({ remount: () => page.remount() });
  const root = createRoot(document.getElementById('root')!);
  root.render(
    <StrictMode>
      <App app={app} />
    </StrictMode>,
  );
  return () => {
    root.unmount();
    app.dispose();
  };
}

/** The page's one app run: replaced by `remount` (the diagnostics hook; a dev reload of this module). */
const page = {
  unmount: null as (() => void) | null,
  remount(): void {
    page.unmount?.();
    page.unmount = mount();
  },
};

// The interface language's catalogue is active before the first render (no English flash).
void installI18n().finally(() => page.remount());

// A hot update of this module in development replaces the page's app run.
if (import.meta.hot) import.meta.hot.dispose(() => page.unmount?.());

// Offline use after the first visit (app/offline.ts: the build's precaching service worker).
registerOffline();

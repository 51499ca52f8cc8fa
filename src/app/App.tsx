/**
 * The page layout. Each region is owned by one feature; features mount their components in the
 * marked slots. App/ is the only layer that wires compute to state (see landscape.ts).
 */
import { createContext, lazy, Suspense, useContext, useEffect, useState } from 'react';
import type { AppContext } from './createApp';
import { UiModelsContext } from '../ui/uiModels';
import { LiveMarkerContext } from '../state/liveMarker';
import { IdleWorkContext } from '../scene/idleWork';
import { ShortcutsContext } from './shortcuts';
import { CancelJobContext } from './actions';
import { StatusBar } from '../ui/StatusBar';
import { HeatMap2D } from '../ui/HeatMap2D';
import { LandscapeView } from '../scene/LandscapeView';
import { ViewControls } from '../ui/ViewControls';
import { DataPanel } from '../ui/DataPanel';
import { ModelControls } from '../ui/ModelControls';
import { TrainingPanel } from '../ui/TrainingPanel';
import { Inspector } from '../ui/Inspector';
import { PinTable } from '../ui/PinTable';
import { HeaderActions, ExportSlot, ClassroomOverlays } from './Classroom';
import { useT } from '../i18n';

/*
 * Views the first screen does not need load as chunks of their own, fetched once the first
 * landscape is in (see docs/ARCHITECTURE.md, "Add a lazily loaded view").
 */
const DecisionView = lazy(() => import('../ui/DecisionView').then((m) => ({ default: m.DecisionView })));
const AboutMath = lazy(() => import('../ui/AboutMath').then((m) => ({ default: m.AboutMath })));
// Below the inspector and the pins (out of the first screen at 1280×720).
const CutChart = lazy(() => import('../ui/CutChart').then((m) => ({ default: m.CutChart })));
const PsiGapPanel = lazy(() => import('../ui/PsiGapPanel').then((m) => ({ default: m.PsiGapPanel })));

/** The app run's first-view wait (createApp's `firstViewDone`), for AfterFirstGrid. */
const FirstViewContext = createContext<() => Promise<void>>(() => new Promise<void>(() => {}));

/**
 * Renders its children once the first view is complete (the app run's firstViewDone: the first
 * landscape on screen, then an idle moment); before that, nothing, so their chunks are not
 * fetched ahead of the first view.
 */
export function AfterFirstGrid({ children }: { children: React.ReactNode }) {
  const [done, setDone] = useState(false);
  const firstViewDone = useContext(FirstViewContext);
  useEffect(() => {
    let live = true;
    void firstViewDone().then(() => live && setDone(true));
    return () => {
      live = false;
    };
  }, [firstViewDone]);
  return done ? <Suspense fallback={null}>{children}</Suspense> : null;
}

/** The page of one app run (`app`: its context, made and disposed by main.tsx around the render). */
export function App({ app }: { app: AppContext }) {
  return (
    <ShortcutsContext.Provider value={app.shortcuts}>
      <IdleWorkContext.Provider value={app.idle}>
        <LiveMarkerContext.Provider value={app.live}>
          <UiModelsContext.Provider value={app.ui}>
            <FirstViewContext.Provider value={app.firstViewDone}>
              <CancelJobContext.Provider value={app.cancelJob}>
                <Layout />
              </CancelJobContext.Provider>
            </FirstViewContext.Provider>
          </UiModelsContext.Provider>
        </LiveMarkerContext.Provider>
      </IdleWorkContext.Provider>
    </ShortcutsContext.Provider>
  );
}

function Layout() {
  const t = useT();
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="brand" translate="no">
          PAC<span>scape</span>
        </h1>
        <StatusBar />
        {/* slot: header-actions (story, presentation, help, share) */}
        <HeaderActions />
      </header>
      <aside className="panel-left" aria-label={t('Controls')}>
        {/* slot: left-panels (view controls, data, model, training, export) */}
        <ViewControls />
        <DataPanel />
        <ModelControls />
        <TrainingPanel />
        <ExportSlot />
      </aside>
      <main className="stage" aria-label={t('Loss landscape')}>
        {/* slot: stage (the 3-D landscape replaces the 2-D heat map) */}
        <LandscapeView fallback={<HeatMap2D />} />
      </main>
      <aside className="panel-right" aria-label={t('Inspector')}>
        {/* slot: right-panels (inspector, pins, decision view) */}
        <Inspector />
        <PinTable />
        <AfterFirstGrid>
          <CutChart />
          <PsiGapPanel />
          <DecisionView />
          <AboutMath />
        </AfterFirstGrid>
      </aside>
      {/* slot: overlays (story, help, messages) */}
      <ClassroomOverlays />
    </div>
  );
}

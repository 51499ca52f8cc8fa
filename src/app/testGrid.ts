/**
 * The test pass of the landscape (SPEC §9): after the main fields of a full grid are published,
 * the test loss on a fresh sample of the data set's mixture (the store's testSize/testSeed, the
 * same sample as the pin table, the decision view and the training charts) is computed on the
 * picked engine, chunked and cancellable, and published as `testLoss` and `gap` on a copy of the
 * grid's fields (gridVersion bumps). A new landscape job or a new sample cancels the pass in
 * flight. It never sets the store's `computing` flag, so the scene stays at full quality and the
 * main progress bar is free; its own state is the store's `testGrid`.
 */
import { t, txm } from '../i18n';
import { evaluateTestLoss, type GridFields, type GridJob } from '../compute';
import { withTestLoss } from '../core/grid';
import { cachedTestSample } from '../core/reconstruct';
import type { Sample } from '../core/jets';
import { gridBuffers, type TestGridStatus } from '../state/buffers';
import { mark } from '../state/timeline';
import { useStore, type AppState } from '../state/store';
import { TEST_FIELDS } from '../core/fields';
import { Eta } from './eta';

/** The test sample for the store's data set and settings, or why there is none. */
export function testSampleOf(s: AppState): { sample: Sample | null; reason: string } {
  const d = s.dataset;
  if (!d) return { sample: null, reason: t('No data set is loaded.') };
  if (!d.mixture)
    return {
      sample: null,
      reason: t('The data set “{{name}}” was imported from a file, so the mixture it was drawn from is unknown and no fresh test sample can be drawn. Test loss and gap need a preset or the generator.', { name: d.name }),
    };
  return { sample: cachedTestSample(d, s.testSize, s.testSeed), reason: '' };
}

/** Whether anything shows or asked for the test fields (a test field, the test-loss plane, testOnGrid). */
export function testWanted(s: AppState): boolean {
  return s.testOnGrid || (TEST_FIELDS as readonly string[]).includes(s.field) || (s.showBoundPlane && s.planeField === 'testLoss');
}

let controller: AbortController | null = null;
let running: Promise<void> = Promise.resolve();

function setStatus(p: Partial<TestGridStatus>): void {
  const st = useStore.getState();
  st.setGridStatus({ testGrid: { ...st.testGrid, ...p } });
}

/** Cancels the pass in flight. */
export function cancelTestPass(): void {
  controller?.abort();
  controller = null;
}

/** A new landscape job starts: the pass in flight is stale; the new grid's pass waits for its main fields. */
export function restartTestPass(): void {
  cancelTestPass();
  const s = useStore.getState();
  const { sample, reason } = testSampleOf(s);
  if (!sample && s.dataset) setStatus({ status: 'unavailable', reason, progress: 0 });
  else setStatus({ status: testWanted(s) ? 'pending' : 'off', reason: '', progress: 0 });
}

/**
 * Runs the test pass for `fields` (the full grid of `job`, already published). Resolves when it
 * finished, failed or was cancelled; publishes only if the buffers still hold `fields`' grid.
 */
export function runTestPass(job: GridJob, fields: GridFields, publish: (f: GridFields) => void): Promise<void> {
  cancelTestPass();
  const s = useStore.getState();
  const { sample, reason } = testSampleOf(s);
  if (!sample) {
    setStatus({ status: 'unavailable', reason, progress: 0 });
    return running;
  }
  if (!testWanted(s)) {
    setStatus({ status: 'off', reason: '', progress: 0 });
    return running;
  }
  const ctl = new AbortController();
  controller = ctl;
  const size = s.testSize, seed = s.testSeed;
  setStatus({ status: 'computing', reason: '', size, seed, progress: 0, eta: null });
  let shownPct = -1;
  const eta = new Eta();
  const run = async () => {
    const t0 = performance.now();
    mark('test start');
    try {
      const tl = await evaluateTestLoss(job, sample, {
        signal: ctl.signal,
        onProgress: (p) => {
          const pct = Math.floor(100 * p);
          if (pct !== shownPct && !ctl.signal.aborted) {
            shownPct = pct;
            setStatus({ progress: p, eta: eta.remaining(p) });
          }
        },
      });
      // Published only onto the same grid (the same main arrays) it was computed for.
      if (ctl.signal.aborted || gridBuffers.fields?.loss !== fields.loss) return;
      const next = withTestLoss({ ...fields }, tl);
      gridBuffers.test = { size, seed };
      setStatus({ status: 'ready', progress: 1, eta: null, ms: performance.now() - t0 });
      mark('test end');
      publish(next);
    } catch (e) {
      if ((e as Error).name === 'AbortError' || ctl.signal.aborted) return;
      setStatus({ status: 'error', reason: t('The test loss could not be computed: {{error}}', { error: txm((e as Error).message) }) });
    } finally {
      if (controller === ctl) controller = null;
    }
  };
  running = run();
  return running;
}

/**
 * Reruns the test pass when it becomes wanted or the sample changes, on the full grid now shown
 * (a job in flight runs its own pass when its main fields are done); stops a pass nobody wants.
 * `current` gives the job of the store's parameters and whether its full grid is in the buffers.
 */
export function startTestGrid(current: () => { job: GridJob; fields: GridFields } | null, publish: (f: GridFields, job: GridJob) => void): () => void {
  return useStore.subscribe(
    (s) => [s.testSize, s.testSeed, testWanted(s), s.dataVersion] as const,
    ([size, seed, wanted]) => {
      const st = useStore.getState();
      if (!wanted) {
        if (st.testGrid.status === 'computing') cancelTestPass();
        if (st.testGrid.status !== 'ready' && st.testGrid.status !== 'unavailable') setStatus({ status: 'off', progress: 0 });
        return;
      }
      const cur = current();
      if (st.computing || !cur) return;
      const have = gridBuffers.test;
      if (cur.fields.testLoss && have && have.size === size && have.seed === seed) return;
      if (st.testGrid.status === 'computing' && st.testGrid.size === size && st.testGrid.seed === seed) return;
      void runTestPass(cur.job, { ...cur.fields, testLoss: undefined, gap: undefined }, (g) => publish(g, cur.job));
    },
    { equalityFn: (a, b) => a.every((v, i) => v === b[i]) },
  );
}

/** Resolves when no test pass is in flight (loops while passes keep being replaced). */
export async function testIdle(): Promise<void> {
  for (;;) {
    const r = running;
    await r;
    if (r === running && useStore.getState().testGrid.status !== 'computing') return;
    await new Promise((res) => setTimeout(res, 10));
  }
}

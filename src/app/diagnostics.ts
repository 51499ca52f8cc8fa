/**
 * Diagnostics for the bench and for profiling (`scripts/bench.ts`, `scripts/benchScene.ts`): loaded
 * only when asked — `await pacscape.diagnostics()`, or `?diag` in the page's query — so they do not
 * ship in the first view's chunks. Registers on `window.pacscape`:
 *
 * - `timeline(on?)`: turns the event timeline on/off (state/timeline.ts) and returns the events so
 *   far, then clears them;
 * - `bench.grid(req, engine?)`: one timed grid job on a given engine, with its loss and Ψ;
 * - `bench.chunkBudget(units?)`: sets the WebGL engine's work per draw call, returns the value in force;
 * - `bench.naive(req)`: one timed job of the naive tfjs baseline (compute/naive.ts);
 * - `frameCost(hide?, k?)`: median ms of `k` synchronous frames of the 3-D view (render + a 1-pixel
 *   read-back, so the GPU's work is included) with the named objects hidden; null without the scene;
 * - `remount()`: ends the page's app run and starts a new one (the lifecycle test);
 * - `bench.testLoss(req & {test}, engine?)`: the test-loss pass alone (SPEC §9) on a test sample
 *   given as {x, y}, timed, with its values.
 */
import { MAX_TEST_SIZE } from '../core/reconstruct';
import { chunkBudgetUnits, evaluateGrid, evaluateTestLoss, loadNaiveBaseline, setChunkBudget, type EngineName } from '../compute';
import { datasetFromObject } from '../core/data';
import type { GridJob } from '../core/grid';
import { timeline } from '../state/timeline';
import { registerApi } from './api';
import { sceneProbe } from '../scene/probe';
import type { DiagnosticsHost, GridRequest } from './startApp';

/** A grid request as `pacscape.evaluateGrid` takes it. */
type R = GridRequest;

/** See `frameCost` above (the scene lends its renderer through sceneProbe.three). */
function frameCost(hide: string[], k: number): number | null {
  const three = sceneProbe.three?.();
  if (!three) return null;
  const { gl, scene, camera } = three;
  const hidden: { visible: boolean }[] = [];
  scene.traverse((o) => {
    if (o.name && hide.includes(o.name) && o.visible) {
      o.visible = false;
      hidden.push(o);
    }
  });
  const ctx = gl.getContext();
  const px = new Uint8Array(4);
  const times: number[] = [];
  try {
    for (let i = 0; i < k; i++) {
      const t0 = performance.now();
      gl.render(scene, camera);
      ctx.readPixels(0, 0, 1, 1, ctx.RGBA, ctx.UNSIGNED_BYTE, px);
      times.push(performance.now() - t0);
    }
  } finally {
    hidden.forEach((o) => (o.visible = true));
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

/** The bench and profiling part of `window.pacscape` (registered on request only). */
export function diagnosticsApi(jobFrom: (req: R) => GridJob, host: DiagnosticsHost = {}) {
  return {
    /**
     * Ends the page's app run and starts a new one (React tree and app context: app/createApp);
     * resolves when the new run's page is rendered. For the lifecycle test; undefined without a host.
     */
    remount: host.remount
      ? async () => {
          host.remount!();
          await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
        }
      : undefined,
    timeline: (on?: boolean) => {
      if (on !== undefined) timeline.on = on;
      return timeline.events.splice(0);
    },
    frameCost: (hide: string[] = [], k = 7) => frameCost(hide, k),
    bench: {
      grid: async (o: R, engine?: EngineName) => {
        const t0 = performance.now();
        const f = await evaluateGrid(jobFrom(o), { engine });
        return { ms: performance.now() - t0, loss: Array.from(f.loss), psi: Array.from(f.psi) };
      },
      testLoss: async (o: R & { test: unknown }, engine?: EngineName) => {
        const job = jobFrom(o);
        const test = datasetFromObject(o.test, 'test sample', MAX_TEST_SIZE);
        const t0 = performance.now();
        const tl = await evaluateTestLoss(job, test, { engine });
        return { ms: performance.now() - t0, testLoss: Array.from(tl) };
      },
      chunkBudget: (units?: number) => {
        if (units !== undefined) setChunkBudget(units);
        return chunkBudgetUnits();
      },
      naive: async (o: R) => {
        const { evaluateGridNaive } = await loadNaiveBaseline();
        const t0 = performance.now();
        await evaluateGridNaive(jobFrom(o));
        return { ms: performance.now() - t0 };
      },
    },
  };
}

export function installDiagnostics(jobFrom: (req: R) => GridJob, host: DiagnosticsHost = {}): void {
  registerApi(diagnosticsApi(jobFrom, host));
}

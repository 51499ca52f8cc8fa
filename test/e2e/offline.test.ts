/**
 * Offline use after the first visit: the build's service worker (scripts/viteOffline.ts) precaches
 * the app and its data; the page is loaded, the network is cut, the page reloads and still
 * computes a landscape, with the same numbers as online and as core's float64 reference.
 *
 * The app does not register the worker under automation (app/offline.ts: a controlling worker
 * would bypass the other tests' page.route stubs); this test clears navigator.webdriver to run
 * it for real.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { openApp, openSession, waitForIdle, PAPER_TOY_LINK } from './harness';
import { parseDataFile } from '../../src/core/data';
import { lossAt } from '../../src/core/jets';

type W = any;

it('works offline after the first visit: load, go offline, reload, a landscape still computes with the same numbers', async () => {
  const t = await openSession({ width: 1280, height: 720 });
  try {
    const p = t.page;
    await t.context.addInitScript({ content: "Object.defineProperty(Navigator.prototype, 'webdriver', { get: () => false })" });
    await openApp(t, PAPER_TOY_LINK);
    // The page registered the build's service worker, which precached the app and took control.
    await expect.poll(() => p.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 60_000 }).toBe(true);
    const manifest = await p.evaluate(async () => (await fetch(document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href)).json());
    expect(manifest).toMatchObject({ short_name: 'PACscape', display: 'standalone', start_url: './' });
    expect(manifest.icons.length).toBeGreaterThan(0);
    const req = { w1: [-1, 4], w2: [-3.5, 2.5], res: 16, depth: 5 };
    const online = await p.evaluate((r) => (window as W).pacscape.evaluateGrid(r), req);
    const onlineEngine = await p.evaluate(() => (window as W).pacscape.engine);

    await t.context.setOffline(true);
    expect(await p.evaluate(() => navigator.onLine)).toBe(false);
    await p.reload();
    await waitForIdle(p);
    expect(await p.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    // The stage shows a landscape (the readout has the marker's numbers) …
    await expect.poll(() => p.getByTestId('stage-readout-loss').textContent()).toMatch(/\d/);
    // … and a new landscape computes offline with the numbers it had online.
    const offline = await p.evaluate((r) => (window as W).pacscape.evaluateGrid(r), req);
    expect(offline.loss).toHaveLength(16 * 16);
    // Each load calibrates its engine: on the same engine the numbers are identical; if the two
    // loads picked different engines (WebGL float32, TS float64 rounded), equal within the tolerance
    // of the engine tests (1e-4 relative, as against core below).
    if ((await p.evaluate(() => (window as W).pacscape.engine)) === onlineEngine) {
      expect(offline.loss).toEqual(online.loss);
      expect(offline.psi).toEqual(online.psi);
    } else {
      const near = (a: number[], b: number[]) => a.every((v, k) => Math.abs(v - b[k]) <= 1e-4 * Math.max(1, Math.abs(b[k])));
      expect(near(offline.loss, online.loss)).toBe(true);
      expect(near(offline.psi, online.psi)).toBe(true);
    }
    // The engine's loss at a node agrees with core's float64 loss there (float32 tolerance).
    const data = parseDataFile(readFileSync('public/data/paper-toy.json', 'utf8'), 'paper-toy');
    const [i, j] = [5, 9];
    const w1 = offline.w1[j], w2 = offline.w2[i];
    expect(w1).toBeCloseTo(req.w1[0] + ((req.w1[1] - req.w1[0]) * j) / (req.res - 1), 5);
    const ref = lossAt(data, w1, w2, 5);
    expect(Math.abs(offline.loss[i * req.res + j] - ref)).toBeLessThan(1e-4 * Math.max(1, ref));
    // A preset fetched at run time comes from the cache too.
    expect(await p.evaluate(async () => (await fetch('./data/paper-toy.json')).ok)).toBe(true);
    // A data file is read and parsed offline too: the data worker comes from the precache.
    expect(await p.evaluate(() => (window as W).pacscape.importText('x1,x2,y\n0,0,0\n1,1,1\n2,0,1', 'offline.csv'))).toBe(true);
    expect(await p.evaluate(() => navigator.onLine)).toBe(false);
    expect(t.errors).toEqual([]);
  } finally {
    await t.context.setOffline(false).catch(() => undefined);
    await t.close();
  }
});

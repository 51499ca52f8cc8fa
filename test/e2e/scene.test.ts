/**
 * The 3-D landscape: the default page shows the surface, the plane, the colour bars and
 * the minima (the paper-toy minima within one grid cell, the global one the sharper); a scripted
 * drag moves the marker and the readout equals core/ at the new point; the loss ↔ Ψ toggle changes
 * the surface's pixels and the colour bar; a resolution or range change recomputes with a visible
 * progress state. Screenshots of the default and Ψ views go to $PACSCAPE_SHOTS (default /tmp).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, openSession, waitForIdle, PAPER_TOY_LINK, type Session, shownFrames, waitForShownFrame } from './harness';
import { datasetFromObject } from '../../src/core/data';
import { pointReport, DEFAULT_PARAMS } from '../../src/core/metrics';
import { fmtQ } from '../../src/core/format';

type W = any;
const SHOTS = process.env.PACSCAPE_SHOTS ?? '/tmp';
const data = datasetFromObject(JSON.parse(readFileSync('test/fixtures/paper-toy.json', 'utf8')));
const ref = JSON.parse(readFileSync('test/fixtures/paper-toy.points.json', 'utf8')) as { points: { w: [number, number]; psi: number }[] };

let s: Session;
beforeAll(async () => {
  s = await openSession({ width: 1280, height: 720 });
  await openApp(s, PAPER_TOY_LINK);
  await s.page.waitForFunction(() => (window as W).pacscape.minima?.().length >= 2, undefined, { timeout: 30_000 });
  await s.page.getByTestId('minimum-local').waitFor({ state: 'visible' });
});
afterAll(async () => {
  await s?.close();
});

const api = <T,>(fn: string, ...args: unknown[]) => s.page.evaluate(([f, a]) => (window as W).pacscape[f as string](...(a as unknown[])), [fn, args] as const) as Promise<T>;

/** Mean absolute RGB difference of two PNG screenshots (decoded in the page). */
async function pixelDiff(a: Buffer, b: Buffer): Promise<number> {
  return s.page.evaluate(
    async ([x, y]) => {
      const load = async (b64: string) => {
        const bmp = await createImageBitmap(await (await fetch(`data:image/png;base64,${b64}`)).blob());
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const g = c.getContext('2d')!;
        g.drawImage(bmp, 0, 0);
        return g.getImageData(0, 0, bmp.width, bmp.height).data;
      };
      const p = await load(x), q = await load(y);
      let d = 0;
      for (let i = 0; i < p.length; i += 4) d += Math.abs(p[i] - q[i]) + Math.abs(p[i + 1] - q[i + 1]) + Math.abs(p[i + 2] - q[i + 2]);
      return d / ((p.length / 4) * 3);
    },
    [a.toString('base64'), b.toString('base64')] as const,
  );
}

/** Records whether the progress overlay shows up between `arm` and the next idle. */
async function armProgressWatch() {
  await s.page.evaluate(() => {
    const w = window as W;
    w.__sawProgress = !!document.querySelector('[data-testid=landscape-progress]');
    w.__progressObs?.disconnect();
    w.__progressObs = new MutationObserver(() => {
      if (document.querySelector('[data-testid=landscape-progress]')) w.__sawProgress = true;
    });
    w.__progressObs.observe(document.body, { childList: true, subtree: true });
  });
}

describe('the 3-D landscape', () => {
  it('shows the surface, the bound plane, both colour bars and the minima', async () => {
    const page = s.page;
    expect(await page.locator('[data-testid=landscape] canvas[data-engine]').isVisible()).toBe(true);
    const objects = await api<string[]>('sceneObjects');
    for (const name of ['surface-full', 'bound-plane', 'marker', 'axes', 'minimum-global', 'minimum-local']) expect(objects).toContain(name);
    await expect.poll(() => page.getByTestId('colorbar-surface').isVisible()).toBe(true);
    expect(await page.getByTestId('colorbar-bound').isVisible()).toBe(true);
    expect(await page.getByTestId('minimum-global').isVisible()).toBe(true);
    expect(await page.getByTestId('minimum-local').isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'screenshot-default.png') });
  });

  it('where WebGL runs in software, shows each frame through the async copy, as the canvas draws it', async () => {
    const page = s.page;
    // This browser renders WebGL in software (SwiftShader), so the compositor is software too and
    // the scene presents asynchronously (scene/presenter.ts); ?present=direct shows the canvas.
    const renderer = await page.evaluate(() => {
      const g = document.createElement('canvas').getContext('webgl2')!;
      const e = g.getExtension('WEBGL_debug_renderer_info');
      return String(g.getParameter(e ? e.UNMASKED_RENDERER_WEBGL : g.RENDERER));
    });
    expect(renderer).toMatch(/swiftshader/i);
    expect(await api('presentMode')).toBe('async');
    expect(await page.locator('.landscape-present').isVisible()).toBe(true);
    expect(await page.locator('[data-testid=landscape] canvas[data-engine]').evaluate((c) => getComputedStyle(c).opacity)).toBe('0');
    const box = (await page.locator('[data-testid=landscape] canvas[data-engine]').boundingBox())!;
    const clip = { x: box.x, y: box.y, width: box.width, height: box.height };
    const at = [2.2, -1.2] as const;
    let f = await shownFrames(page);
    await api('setMarker', ...at);
    await waitForShownFrame(page, f);
    const shown = await page.screenshot({ clip });

    const d = await openSession({ width: 1280, height: 720 });
    try {
      await d.page.goto(`${process.env.PACSCAPE_URL}?present=direct${PAPER_TOY_LINK}`);
      await waitForIdle(d.page);
      await d.page.waitForFunction(() => (window as W).pacscape.minima?.().length >= 2, undefined, { timeout: 30_000 });
      expect(await d.page.evaluate(() => (window as W).pacscape.presentMode())).toBe('direct');
      expect(await d.page.locator('.landscape-present').isVisible()).toBe(false);
      const fd = await shownFrames(d.page);
      await d.page.evaluate((w) => (window as W).pacscape.setMarker(w[0], w[1]), at);
      await waitForShownFrame(d.page, fd);
      const direct = await d.page.screenshot({ clip });
      // Same picture, the right way up, same colours (mean |ΔRGB| per channel, 0–255).
      expect(await pixelDiff(shown, direct)).toBeLessThan(1);
      // And not trivially so: moving the marker changes the picture in both modes.
      const f0 = await d.page.evaluate(() => (window as W).pacscape.sceneFrames());
      await d.page.evaluate(() => (window as W).pacscape.setMarker(1.6, -0.6));
      await waitForShownFrame(d.page, f0);
      expect(await pixelDiff(shown, await d.page.screenshot({ clip }))).toBeGreaterThan(0.05);
      expect(d.errors).toEqual([]);
    } finally {
      await d.close();
    }
    f = await shownFrames(page);
    await api('setMarker', 1.6, -0.6);
    await waitForShownFrame(page, f);
    expect(await pixelDiff(shown, await page.screenshot({ clip }))).toBeGreaterThan(0.05);
  });

  it('marks the two paper-toy minima within one grid cell, the global one as the sharper', async () => {
    const st = await api<{ w1Range: [number, number]; w2Range: [number, number]; res: number }>('state');
    const cell1 = (st.w1Range[1] - st.w1Range[0]) / (st.res - 1);
    const cell2 = (st.w2Range[1] - st.w2Range[0]) / (st.res - 1);
    const minima = await api<{ w: [number, number]; psi: number; lambdaMax: number; global: boolean; character: string }[]>('minima');
    const near = (w: [number, number]) => minima.find((m) => Math.abs(m.w[0] - w[0]) <= cell1 && Math.abs(m.w[1] - w[1]) <= cell2);
    const global = near(ref.points[0].w);
    const flat = near(ref.points[1].w);
    expect(global, 'global minimum found').toBeDefined();
    expect(flat, 'flat minimum found').toBeDefined();
    expect(global!.global).toBe(true);
    expect(flat!.global).toBe(false);
    expect(global!.character).toBe('sharp');
    expect(flat!.character).toBe('flat');
    expect(global!.psi).toBeGreaterThan(flat!.psi);
    expect(global!.lambdaMax).toBeGreaterThan(flat!.lambdaMax);
    // The labels say so on the page.
    expect(await s.page.getByTestId('minimum-global').innerText()).toMatch(/global.*sharp/s);
    expect(await s.page.getByTestId('minimum-local').innerText()).toMatch(/flat/);
  });

  it('a scripted drag moves the marker and the readout equals core at the new point', async () => {
    const page = s.page;
    const before = await api<{ w: [number, number] }>('marker');
    const start = await api<[number, number]>('markerScreen');
    await page.mouse.move(start[0], start[1]);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) await page.mouse.move(start[0] - 6 * i, start[1] - 3 * i);
    await page.mouse.up();
    await expect.poll(async () => (await api<{ w: [number, number] }>('marker')).w[0]).not.toBe(before.w[0]);
    const after = await api<{ w: [number, number]; loss: number; psi: number; bound: number; sigmaStar: [number, number]; grad: [number, number] }>('marker');
    expect(Math.hypot(after.w[0] - before.w[0], after.w[1] - before.w[1])).toBeGreaterThan(0.05);
    const core = pointReport(data, after.w[0], after.w[1], DEFAULT_PARAMS);
    expect(after.loss).toBeCloseTo(core.loss, 12);
    expect(after.psi).toBeCloseTo(core.psi, 12);
    expect(after.bound).toBeCloseTo(core.bound, 12);
    expect(after.sigmaStar[0]).toBeCloseTo(core.sigmaStar[0], 12);
    // The on-screen readout shows the same numbers (by the page's one formatter).
    await expect.poll(() => page.getByTestId('stage-readout-loss').innerText()).toBe(fmtQ('value', core.loss));
    expect(await page.getByTestId('stage-readout-psi').innerText()).toBe(fmtQ('value', core.psi));
    expect(await page.getByTestId('stage-readout-bound').innerText()).toBe(fmtQ('value', core.bound));
    // The handle followed the pointer: it is where the drag ended, within a few pixels.
    const end = await api<[number, number]>('markerScreen');
    expect(Math.hypot(end[0] - (start[0] - 72), end[1] - (start[1] - 36))).toBeLessThan(6);
    // Arrow keys move it too (Shift: ten times finer).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const k0 = (await api<{ w: [number, number] }>('marker')).w;
    await page.keyboard.press('ArrowRight');
    const k1 = (await api<{ w: [number, number] }>('marker')).w;
    await page.keyboard.press('Shift+ArrowRight');
    const k2 = (await api<{ w: [number, number] }>('marker')).w;
    expect(k1[0] - k0[0]).toBeGreaterThan(0);
    expect((k2[0] - k1[0]) * 9.5).toBeLessThan(k1[0] - k0[0] + 1e-12);
    // Clicking a minimum's label jumps there.
    await page.getByTestId('minimum-local').click();
    const m = (await api<{ w: [number, number] }>('marker')).w;
    expect(Math.hypot(m[0] - ref.points[1].w[0], m[1] - ref.points[1].w[1])).toBeLessThan(1e-4);
  });

  it('the loss ↔ Ψ toggle changes the surface colours and the colour bar', async () => {
    const page = s.page;
    const f0 = await shownFrames(page);
    await api('setMarker', 2.66, -1.57);
    const box = (await page.locator('[data-testid=landscape] canvas[data-engine]').boundingBox())!;
    const clip = { x: box.x + box.width * 0.3, y: box.y + box.height * 0.3, width: box.width * 0.4, height: box.height * 0.35 };
    const title = () => page.getByTestId('colorbar-surface').locator('figcaption').innerText();
    expect(await title()).toBe('loss');
    const lossMax = await page.getByTestId('colorbar-surface').getAttribute('data-max');
    await waitForShownFrame(page, f0);
    const a = await page.screenshot({ clip });
    const f = await shownFrames(page);
    await page.getByTestId('toggle-loss-psi').click();
    await waitForShownFrame(page, f);
    expect(await api('field')).toBe('psi');
    expect(await title()).toBe('Ψ');
    expect(await page.getByTestId('colorbar-surface').getAttribute('data-max')).not.toBe(lossMax);
    // A frame drawn before the toggle can be the one counted: poll the picture, not one frame.
    await expect.poll(async () => pixelDiff(a, await page.screenshot({ clip })), { timeout: 30_000, interval: 100 }).toBeGreaterThan(8);
    await page.screenshot({ path: join(SHOTS, 'screenshot-psi.png') });
    // The key toggles back.
    await page.keyboard.press('t');
    expect(await api('field')).toBe('loss');
    expect(await title()).toBe('loss');
  });

  it('changing the resolution or the range recomputes with a visible progress state', async () => {
    const page = s.page;
    await armProgressWatch();
    await page.getByTestId('grid-res').fill('96');
    await page.getByTestId('grid-apply').click();
    await waitForIdle(page);
    expect(await page.evaluate(() => (window as W).__sawProgress)).toBe(true);
    await expect.poll(() => api<{ res: number }>('state').then((x) => x.res)).toBe(96);
    await expect.poll(() => api<string[]>('sceneObjects')).toContain('surface-full');

    await armProgressWatch();
    await page.getByTestId('grid-w1lo').fill('-1');
    await page.getByTestId('grid-apply').click();
    await waitForIdle(page);
    expect(await page.evaluate(() => (window as W).__sawProgress)).toBe(true);
    expect((await api<{ w1Range: [number, number] }>('state')).w1Range[0]).toBe(-1);

    // Invalid input is refused with a message and computes nothing.
    await page.getByTestId('grid-res').fill('5000');
    await page.getByTestId('grid-apply').click();
    expect(await page.getByTestId('grid-error').innerText()).toMatch(/Resolution/);
    expect((await api<{ res: number }>('state')).res).toBe(96);
    expect(s.errors).toEqual([]);
  });
});

/**
 * The Experiments view beside the landscape: at 1280×720 and 1920×1080 it docks as the right
 * column and the stage narrows beside it, on a phone (390×844) it is a sheet below a shorter
 * stage; either way every endpoint of the experiment is drawn inside the stage and none under
 * the view. Esc closes the view.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, openSession, PAPER_TOY_LINK, type Session } from './harness';

type Box = { left: number; top: number; right: number; bottom: number };

let s: Session | null = null;

afterEach(async () => {
  await s?.close();
  s = null;
});

const DESIGN = { method: 'sgd', lr: 1, batch: 16, steps: 60, repeats: 16, seed: 1, starts: 'random', resample: false, testN: 2000, sweep: { param: 'batch', values: [4, 100] } };

async function checkLayout(width: number, height: number): Promise<void> {
  s = await openSession({ width, height });
  const page = s.page;
  // At 64²: the layout and the endpoints' projections do not need a finer surface.
  await openApp(s, `${PAPER_TOY_LINK}&res=64`);
  await page.evaluate(() => (window as any).pacscape.openExperiments(true));
  const view = page.getByTestId('experiments');
  await expect.poll(() => view.isVisible()).toBe(true);
  const rows = (await page.evaluate((d) => (window as any).pacscape.experiment(d), DESIGN)) as unknown[];
  expect(rows.length).toBe(32);
  const boxes = () =>
    page.evaluate(() => {
      const r = (sel: string) => {
        const b = document.querySelector(sel)!.getBoundingClientRect();
        return { left: b.left, top: b.top, right: b.right, bottom: b.bottom };
      };
      return { stage: r('.stage'), view: r('[data-testid="experiments"]'), points: (window as any).pacscape.experimentEndpointsOnScreen() as [number, number][] };
    }) as Promise<{ stage: Box; view: Box; points: [number, number][] }>;
  const phone = width <= 760;
  // The stage makes room for the view (beside it, or above it on a phone).
  await expect.poll(async () => {
    const b = await boxes();
    return phone ? b.view.top >= b.stage.bottom - 1 : b.view.left >= b.stage.right - 1;
  }).toBe(true);
  // Every endpoint in the window is drawn inside the stage, clear of the view.
  await expect
    .poll(async () => {
      const { stage, view: v, points } = await boxes();
      if (!points.length) return 'no points drawn';
      const bad = points.filter(([x, y]) => !(x >= stage.left && x <= stage.right && y >= stage.top && y <= stage.bottom) || (x >= v.left && x <= v.right && y >= v.top && y <= v.bottom));
      return bad.length ? `${bad.length} of ${points.length} endpoints outside the stage or under the view, e.g. ${JSON.stringify(bad[0])}` : 'ok';
    })
    .toBe('ok');
  // The stage keeps a usable size.
  const { stage } = await boxes();
  expect(stage.right - stage.left).toBeGreaterThan(phone ? 300 : 400);
  expect(stage.bottom - stage.top).toBeGreaterThan(phone ? 200 : 400);
  // Esc closes the view, and the stage gets its room back.
  await page.keyboard.press('Escape');
  await expect.poll(() => view.count()).toBe(0);
  await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('xp-open'))).toBe(false);
  expect(s.errors).toEqual([]);
}

describe('experiments layout', () => {
  it('1280×720: the view docks beside a narrower stage; the endpoints are all in sight; Esc closes it', async () => {
    await checkLayout(1280, 720);
  });

  it('1920×1080: the same', async () => {
    await checkLayout(1920, 1080);
  });

  it('390×844 (phone): the view is a sheet below the stage; the endpoints are all in sight; Esc closes it', async () => {
    await checkLayout(390, 844);
  });
});

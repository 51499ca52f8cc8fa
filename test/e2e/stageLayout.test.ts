/**
 * The stage as drawn: the minima's tags never cover a colour bar, an axis title, a tick label, the
 * readout or the training bar (they move, with a leader line, or shrink to a chip), no tick label
 * sits under an overlay, nothing is clipped at the stage's edges, and the default view frames the
 * landscape to fill the stage's free part (desktop and phone) instead of leaving empty canvas.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { appUrl, openSession, waitForIdle, type Session } from './harness';
import { DEFAULT_PRESET_ID, presetById } from '../../src/core/presets';
import { encodeView, withDefaults } from '../../src/core/urlCodec';

type W = any;
type Box = { left: number; top: number; right: number; bottom: number; what: string };

/**
 * The default view (the start-up preset's data, model, window and marker) at 64²: the stage's
 * layout is that of 256² (the frame is the window's), at a sixteenth of the grid's work.
 */
const START = presetById(DEFAULT_PRESET_ID)!;
const LINK = `#${encodeView(withDefaults({ data: { kind: 'preset', id: START.id }, ...START.params, w1Range: [...START.window.w1], w2Range: [...START.window.w2], marker: [...START.marker], res: 64 }))}`;

const sessions: Session[] = [];
afterAll(async () => {
  for (const s of sessions) await s.close();
});

/** Boxes of the stage's text and overlays as on screen now, and the tags'. */
function layout(s: Session) {
  return s.page.evaluate(() => {
    const box = (e: Element, what: string) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, what };
    };
    const shown = (e: Element) => {
      const r = e.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden' && getComputedStyle(e).display !== 'none';
    };
    const all = (sel: string) => [...document.querySelectorAll(sel)].filter(shown).map((e) => box(e, `${e.className}: ${e.textContent}`));
    const canvas = document.querySelector('.landscape canvas')!;
    return {
      canvas: box(canvas, 'canvas'),
      tags: [...document.querySelectorAll<HTMLElement>('.landscape-labels .minimum-label')].filter(shown).map((e) => ({ ...box(e, e.textContent!), placed: e.dataset.placed })),
      axis: all('.axis-tick, .axis-title'),
      overlays: all('.colorbar, .landscape-readout, .landscape-legend, .train-stage-bar, .train-stage-inset'),
    };
  });
}

const hit = (a: Box, b: Box) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
/** Closer than 2 px (tick labels that nearly touch read as one: "3−4.5"). */
const near = (a: Box, b: Box) => a.left < b.right + 2 && b.left < a.right + 2 && a.top < b.bottom + 2 && b.top < a.bottom + 2;
/** No two visible axis labels (ticks and titles) touch or nearly touch. */
function expectAxisLabelsApart(l: { axis: Box[] }, where: string) {
  for (const [i, a] of l.axis.entries()) for (const b of l.axis.slice(i + 1)) expect(near(a, b), `${where}: "${a.what}" touches "${b.what}"`).toBe(false);
}
const within = (a: Box, b: Box) => a.left >= b.left - 0.5 && a.right <= b.right + 0.5 && a.top >= b.top - 0.5 && a.bottom <= b.bottom + 0.5;

/**
 * Tags clear of each other, of the overlays and of the axis labels, inside the canvas; axis labels
 * inside the canvas and not under an overlay. With `chips`, a tag with no free place near may show
 * as a chip at its anchor (the visible indicator; the full tag on hover), but at least one is whole.
 */
async function expectClearStage(s: Session, where: string, chips = false) {
  const l = await layout(s);
  expect(l.tags.length, `${where}: tags`).toBeGreaterThanOrEqual(2);
  expect(l.axis.length, `${where}: axis labels`).toBeGreaterThanOrEqual(8);
  const whole = l.tags.filter((t) => t.placed !== 'crowded');
  expect(whole.length, `${where}: whole tags`).toBeGreaterThanOrEqual(chips ? 1 : l.tags.length);
  for (const t of l.tags) {
    expect(within(t, l.canvas), `${where}: ${t.what} clipped`).toBe(true);
    if (t.placed === 'crowded') {
      expect(t.right - t.left, `${where}: chip`).toBeGreaterThanOrEqual(10);
      continue;
    }
    for (const o of [...l.overlays, ...l.axis]) expect(hit(t, o), `${where}: tag "${t.what}" covers ${o.what}`).toBe(false);
    for (const u of whole) if (u !== t) expect(hit(t, u), `${where}: tags overlap`).toBe(false);
  }
  for (const a of l.axis) {
    expect(within(a, l.canvas), `${where}: ${a.what} clipped`).toBe(true);
    for (const o of l.overlays) expect(hit(a, o), `${where}: ${a.what} under ${o.what}`).toBe(false);
  }
  expectAxisLabelsApart(l, where);
}

/** The bounding box of the WebGL frame's landscape (pixels unlike the background), in stage px. */
async function landscapeBox(s: Session) {
  return s.page.evaluate(async () => {
    const blob: Blob = await (window as W).pacscape.captureBlob('scene', 1, { overlays: false });
    const bmp = await createImageBitmap(blob);
    const c = new OffscreenCanvas(bmp.width, bmp.height);
    const g = c.getContext('2d')!;
    g.drawImage(bmp, 0, 0);
    const d = g.getImageData(0, 0, bmp.width, bmp.height).data;
    const bg = [d[0], d[1], d[2]];
    let left = Infinity, right = -Infinity, top = Infinity, bottom = -Infinity;
    for (let y = 0; y < bmp.height; y++)
      for (let x = 0; x < bmp.width; x++) {
        const i = 4 * (y * bmp.width + x);
        if (Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) > 40) {
          if (x < left) left = x;
          if (x > right) right = x;
          if (y < top) top = y;
          if (y > bottom) bottom = y;
        }
      }
    // With the axis labels (DOM over the frame), in the stage's coordinates.
    const o = document.querySelector('.landscape canvas')!.getBoundingClientRect();
    for (const e of document.querySelectorAll('.axis-tick, .axis-title')) {
      const r = e.getBoundingClientRect();
      if (!(r.width > 0) || getComputedStyle(e).visibility === 'hidden') continue;
      left = Math.min(left, r.left - o.left);
      right = Math.max(right, r.right - o.left);
      top = Math.min(top, r.top - o.top);
      bottom = Math.max(bottom, r.bottom - o.top);
    }
    const fb = (document.querySelector('.landscape') as HTMLElement).dataset.fitBounds!.split(',').map(Number);
    // The lowest bottom of the top overlays above the landscape's span: the room it has upward.
    let topLimit = fb[1];
    for (const e of document.querySelectorAll('.landscape-readout, .colorbar')) {
      const r = e.getBoundingClientRect();
      if (r.right - o.left > left && r.left - o.left < right) topLimit = Math.max(topLimit, r.bottom - o.top);
    }
    return { box: { left, right, top, bottom }, bounds: { left: fb[0], top: fb[1], right: fb[2], bottom: fb[3] }, topLimit, size: [bmp.width, bmp.height] };
  });
}

/**
 * The landscape (frame and axis labels) fills the stage's free part to within 5 % in the direction
 * that binds (across the stage, or up from the bottom bars to the overlays above it), with no more
 * than 3 % of empty canvas below it.
 */
function expectFills(f: Awaited<ReturnType<typeof landscapeBox>>, where: string) {
  const fillW = (f.box.right - f.box.left) / (f.bounds.right - f.bounds.left);
  const fillH = (f.box.bottom - f.box.top) / (f.bounds.bottom - f.topLimit);
  expect(Math.max(fillW, fillH), `${where}: fills ${JSON.stringify(f)}`).toBeGreaterThan(0.95);
  expect(f.bounds.bottom - f.box.bottom, `${where}: empty canvas below`).toBeLessThan(0.03 * f.size[1]);
}

async function open(width: number, height: number, search = '', hash = '', phone = false): Promise<Session> {
  const s = await openSession({ width, height, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
  sessions.push(s);
  await s.page.goto(appUrl().replace(/\/?$/, '/') + search + hash);
  await waitForIdle(s.page);
  return s;
}

/** Until the layout has settled (the camera refits after the overlays appear, the tags follow): the same boxes two frames apart. */
async function settled(s: Session) {
  await waitForIdle(s.page);
  let last = '';
  await expect
    .poll(
      async () => {
        await s.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const now = JSON.stringify(await layout(s));
        const same = now === last;
        last = now;
        return same;
      },
      { timeout: 30_000, interval: 100 },
    )
    .toBe(true);
}

describe('the stage keeps its text clear', () => {
  for (const [w, h] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    it(`${w}×${h}: default view and presentation mode, with and without a training run, and embedded without the bar`, async () => {
      const s = await open(w, h, '', LINK);
      await settled(s);
      await expectClearStage(s, `${w}×${h} default`);
      // The landscape fills the free part of the stage, down to the bars.
      expectFills(await landscapeBox(s), `${w}×${h}`);
      // The marker is drawn in the legend's colour (#ff4fa3), not darkened by a second colour
      // conversion (it showed as rgb(255, 20, 93)).
      const pink = await s.page.evaluate(async () => {
        const bmp = await createImageBitmap(await (window as W).pacscape.captureBlob('scene', 1, { overlays: false }));
        const c = new OffscreenCanvas(bmp.width, bmp.height);
        const g = c.getContext('2d')!;
        g.drawImage(bmp, 0, 0);
        const d = g.getImageData(0, 0, bmp.width, bmp.height).data;
        const near = (i: number, rgb: number[]) => Math.abs(d[i] - rgb[0]) + Math.abs(d[i + 1] - rgb[1]) + Math.abs(d[i + 2] - rgb[2]) <= 12;
        let legend = 0, dark = 0;
        for (let i = 0; i < d.length; i += 4) {
          if (near(i, [255, 79, 163])) legend++;
          if (near(i, [255, 20, 93])) dark++;
        }
        return { legend, dark, swatch: getComputedStyle(document.querySelector('.lg-marker')!).backgroundColor };
      });
      expect(pink.swatch).toBe('rgb(255, 79, 163)');
      expect(pink.legend).toBeGreaterThan(5);
      expect(pink.dark).toBe(0);
      // A training run: the bar shows the run, the decision view appears beside it.
      await s.page.getByTestId('ts-step').click();
      await expect.poll(() => s.page.locator('.train-stage-inset canvas, .train-stage-inset svg').count(), { timeout: 60_000 }).toBeGreaterThan(0);
      await settled(s);
      await expectClearStage(s, `${w}×${h} training`);
      // Presentation mode (large type), with the run's bar and inset, then without a run.
      await s.page.keyboard.press('f');
      await expect.poll(() => s.page.evaluate(() => document.documentElement.classList.contains('presenting'))).toBe(true);
      await settled(s);
      await expectClearStage(s, `${w}×${h} presenting, training`, true);
      await s.page.getByTestId('ts-reset').click();
      await expect.poll(() => s.page.locator('.train-stage-inset').count()).toBe(0);
      await settled(s);
      await expectClearStage(s, `${w}×${h} presenting`, true);
      expect(s.errors).toEqual([]);
      await s.close();
      sessions.splice(sessions.indexOf(s), 1);
      // Embedded: no training bar.
      const e = await open(w, h, '?embed', LINK);
      await settled(e);
      expect(await e.page.locator('.train-stage-bar').isVisible()).toBe(false);
      await expectClearStage(e, `${w}×${h} embedded`);
      expect(e.errors).toEqual([]);
    });
  }

  it('390×844 (phone): the default view fills the stage below its overlays, down to the training bar', async () => {
    const s = await open(390, 844, '', LINK, true);
    await settled(s);
    expectFills(await landscapeBox(s), 'phone');
    const l = await layout(s);
    for (const t of l.tags) for (const o of [...l.overlays, ...l.axis]) expect(hit(t, o), `phone: tag "${t.what}" covers ${o.what}`).toBe(false);
    expect(l.axis.length, 'phone: axis labels').toBeGreaterThanOrEqual(8);
    expectAxisLabelsApart(l, 'phone');
    // The colour bars lie down, compact (two upright bars took ≈ 27 % of the stage's height): each
    // with its whole title and its range's two end values, apart, inside the bar.
    const bars = await s.page.evaluate(() => {
      const st = document.querySelector('.landscape canvas')!.getBoundingClientRect();
      const all = document.querySelector('.landscape-colorbars')!.getBoundingClientRect();
      return {
        height: all.height / st.height,
        area: (all.width * all.height) / (st.width * st.height),
        bars: [...document.querySelectorAll('.landscape-colorbars .colorbar')].map((b) => {
          const r = b.getBoundingClientRect();
          const title = b.querySelector('.colorbar-title')!;
          const end = (q: string) => {
            const e = b.querySelector(q)!;
            const x = e.getBoundingClientRect();
            return { text: e.textContent, left: x.left, right: x.right, inside: x.left >= r.left && x.right <= r.right && x.top >= r.top && x.bottom <= r.bottom && getComputedStyle(e).display !== 'none' };
          };
          return { title: title.textContent, whole: title.scrollWidth <= title.clientWidth + 1, min: end('.is-min'), max: end('.is-max') };
        }),
      };
    });
    expect(bars.bars.length, 'phone: two colour bars').toBe(2);
    expect(bars.height, 'phone: colour bars height / stage').toBeLessThan(0.1);
    expect(bars.area, 'phone: colour bars area / stage').toBeLessThan(0.05);
    for (const b of bars.bars) {
      expect(b.whole, `phone: "${b.title}" cut`).toBe(true);
      expect(b.min.inside && b.max.inside, `phone: ${b.title}'s end values`).toBe(true);
      expect(b.min.text).toMatch(/\d/);
      expect(b.min.right + 3, `phone: ${b.title}'s end values apart`).toBeLessThanOrEqual(b.max.left);
    }
    expect(s.errors).toEqual([]);
  });
});

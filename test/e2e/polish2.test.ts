/**
 * What a lecturer still hit in the small plots and on the stage, checked as drawn: the generator's
 * plot and the decision view have axes with ticks that match the drawing, the mixture's components
 * use no class colour, the comparison panels are large enough to read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, openSession, waitForIdle, PAPER_TOY_LINK, type Session } from './harness';
import { DEFAULT_GENERATOR } from '../../src/core/data';
import { colormapLut } from '../../src/core/colormap';
import { planeLut } from '../../src/scene/planeTint';

type W = any;
type Box = { left: number; right: number; top: number; bottom: number; width: number; height: number };

let s: Session;
beforeAll(async () => {
  s = await openSession({ width: 1280, height: 720 });
  await openApp(s, PAPER_TOY_LINK);
});
afterAll(async () => {
  await s?.close();
});

const api = <T>(name: string, ...args: unknown[]) => s.page.evaluate(({ name, args }) => (window as W).pacscape[name](...args), { name, args }) as Promise<T>;

const overlaps = (a: Box, b: Box) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

/** The tick labels of a PlotFrame (by its test id): text, value and box, per axis; the plot's box. */
function frameOf(testId: string) {
  return s.page.evaluate((id) => {
    const f = document.querySelector(`[data-testid="${id}"]`)!;
    const box = (e: Element) => {
      const r = e.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
    };
    const ticks = (sel: string) => [...f.querySelectorAll(sel)].map((e) => ({ text: e.textContent!, value: Number(e.textContent!.replace('−', '-')), box: box(e) }));
    return {
      x: ticks('.pf-xtick'),
      y: ticks('.pf-ytick'),
      xTitle: f.querySelector('.pf-xtitle')!.textContent,
      yTitle: f.querySelector('.pf-ytitle')!.textContent,
      plot: box(f.querySelector('.pf-plot')!),
    };
  }, testId);
}

/** Axes a reader can use: ≥ 3 ticks a side, increasing, not overlapping each other or the plot, inside the plot's span. */
function expectReadableAxes(f: Awaited<ReturnType<typeof frameOf>>) {
  expect(f.xTitle).toBe('x₁');
  expect(f.yTitle).toBe('x₂');
  expect(f.x.length).toBeGreaterThanOrEqual(3);
  expect(f.y.length).toBeGreaterThanOrEqual(3);
  for (const [axis, t] of [['x', f.x], ['y', f.y]] as const) {
    for (const k of t) {
      expect(Number.isFinite(k.value), k.text).toBe(true);
      expect(overlaps(k.box, f.plot), `${axis} tick ${k.text} over the plot`).toBe(false);
    }
    for (let i = 1; i < t.length; i++) {
      expect(t[i].value).toBeGreaterThan(t[i - 1].value);
      expect(overlaps(t[i].box, t[i - 1].box), `${axis} ticks ${t[i - 1].text}, ${t[i].text}`).toBe(false);
    }
  }
  const cx = (b: Box) => (b.left + b.right) / 2, cy = (b: Box) => (b.top + b.bottom) / 2;
  for (const k of f.x) {
    expect(cx(k.box)).toBeGreaterThanOrEqual(f.plot.left - 1);
    expect(cx(k.box)).toBeLessThanOrEqual(f.plot.right + 1);
  }
  for (const k of f.y) {
    expect(cy(k.box)).toBeGreaterThanOrEqual(f.plot.top - 1);
    expect(cy(k.box)).toBeLessThanOrEqual(f.plot.bottom + 1);
  }
  // x grows to the right, x₂ upwards.
  expect(cx(f.x[1].box)).toBeGreaterThan(cx(f.x[0].box));
  expect(cy(f.y[1].box)).toBeLessThan(cy(f.y[0].box));
}

/** Screen position of a data value from two ticks of an axis (linear). */
function screenOf(t: { value: number; box: Box }[], v: number, horizontal: boolean): number {
  const c = (b: Box) => (horizontal ? (b.left + b.right) / 2 : (b.top + b.bottom) / 2);
  const a = t[0], b = t[t.length - 1];
  return c(a.box) + ((v - a.value) / (b.value - a.value)) * (c(b.box) - c(a.box));
}

describe('the generator plot', () => {
  it('draws components in neutral greys (no class colour), has axes, and its ticks match the drawing', async () => {
    const p = s.page;
    const gen = p.locator('details.dp-gen');
    await gen.locator('summary').click();
    await gen.getByRole('button', { name: 'Generate' }).click();
    await waitForIdle(p);
    await p.getByTestId('means-plot').scrollIntoViewIfNeeded();
    const f = await frameOf('means-plot-axes');
    expectReadableAxes(f);
    // The component means in raw coordinates, as the generator draws them (the default mixture).
    const means = DEFAULT_GENERATOR.means;
    expect(means.length).toBeGreaterThanOrEqual(2);
    // Each handle, found where the axes say its mean is: its outline is a dark grey and nothing of
    // it carries a hue (before: component 0 blue and 1 orange, the class colours).
    const probes = means.map(([x1, x2]) => [screenOf(f.x, x1, true), screenOf(f.y, x2, false)] as [number, number]);
    const found = await p.getByTestId('means-plot').evaluate((c: HTMLCanvasElement, pts: [number, number][]) => {
      const g = c.getContext('2d')!;
      const r = c.getBoundingClientRect();
      const k = c.width / r.width;
      return pts.map(([u, v]) => {
        // The handle: a disc of radius 7 CSS px with a dark outline: its inside (radius 5.5) has no
        // hue, and the outline is within radius 8 of where the ticks put the mean.
        const cx = (u - r.left) * k, cy = (v - r.top) * k, R = Math.ceil(8 * k);
        const d = g.getImageData(Math.round(cx - R), Math.round(cy - R), 2 * R + 1, 2 * R + 1).data;
        let maxChroma = 0, darkest = 255;
        for (let i = 0; i < d.length; i += 4) {
          const px = (i / 4) % (2 * R + 1) - R, py = Math.floor(i / 4 / (2 * R + 1)) - R;
          const r2 = px * px + py * py;
          if (r2 <= (5.5 * k) ** 2) maxChroma = Math.max(maxChroma, Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]));
          if (r2 <= (8 * k) ** 2) darkest = Math.min(darkest, (d[i] + d[i + 1] + d[i + 2]) / 3);
        }
        return { maxChroma, darkest };
      });
    }, probes);
    for (const h of found) {
      expect(h.maxChroma, 'a component handle has a hue').toBeLessThan(25);
      expect(h.darkest, 'no dark outline where the axes put the mean').toBeLessThan(90);
    }
    expect(s.errors).toEqual([]);
  });
});

describe('the decision view', () => {
  it('has input-space axes, and the comparison panels are at least 160 px at 1280×720, side by side or stacked, never clipped', async () => {
    const p = s.page;
    await api('unpinAll');
    await api('pin', -2.0, 5.0);
    await api('pin', -3.0, 4.5);
    await expect.poll(() => p.getByTestId('decision-compare-canvas').count()).toBe(3);
    await p.getByTestId('decision-canvas').scrollIntoViewIfNeeded();
    expectReadableAxes(await frameOf('decision-canvas-axes'));
    const boxes = await p.evaluate(() => {
      const box = (e: Element) => {
        const r = e.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
      };
      const panel = document.querySelector('.panel-right')!;
      return {
        panel: { ...box(panel), clientWidth: panel.clientWidth, scrollWidth: panel.scrollWidth },
        canvases: [...document.querySelectorAll('[data-testid="decision-compare-canvas"]')].map(box),
        frames: [...document.querySelectorAll('[data-testid="decision-compare-canvas-axes"]')].map(box),
        captions: [...document.querySelectorAll('.dv-compare figcaption')].map(box),
      };
    });
    expect(boxes.canvases).toHaveLength(3);
    for (const c of boxes.canvases) {
      expect(c.width).toBeGreaterThanOrEqual(160);
      expect(c.height).toBeGreaterThanOrEqual(160);
    }
    // Nothing of the three figures sticks out of the panel or sits on another.
    expect(boxes.panel.scrollWidth).toBeLessThanOrEqual(boxes.panel.clientWidth);
    const all = [...boxes.frames, ...boxes.captions];
    for (const b of all) expect(b.right).toBeLessThanOrEqual(boxes.panel.right);
    for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) expect(overlaps(all[i], all[j]), `figures ${i}, ${j} overlap`).toBe(false);
    for (let i = 0; i < 3; i++) expectReadableAxes(await frameOfNth('decision-compare-canvas-axes', i));
    await api('unpinAll');
    expect(s.errors).toEqual([]);
  });
});

function frameOfNth(testId: string, n: number) {
  return s.page.evaluate(
    ({ id, n }) => {
      const f = document.querySelectorAll(`[data-testid="${id}"]`)[n];
      const box = (e: Element) => {
        const r = e.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
      };
      const ticks = (sel: string) => [...f.querySelectorAll(sel)].map((e) => ({ text: e.textContent!, value: Number(e.textContent!.replace('−', '-')), box: box(e) }));
      return { x: ticks('.pf-xtick'), y: ticks('.pf-ytick'), xTitle: f.querySelector('.pf-xtitle')!.textContent, yTitle: f.querySelector('.pf-ytitle')!.textContent, plot: box(f.querySelector('.pf-plot')!) };
    },
    { id: testId, n },
  );
}

/** Pixels of the 3-D view (the scene alone, no DOM overlays) around page points, as RGB triples. */
async function scenePixels(points: [number, number][], radius = 0, scale = 1): Promise<number[][][]> {
  return s.page.evaluate(
    async ({ points, radius, scale }) => {
      const blob: Blob = await (window as W).pacscape.captureBlob('scene', scale, { overlays: false });
      const bmp = await createImageBitmap(blob);
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const g = c.getContext('2d')!;
      g.drawImage(bmp, 0, 0);
      const r = document.querySelector('.landscape canvas')!.getBoundingClientRect();
      const k = bmp.width / r.width;
      return points.map(([x, y]) => {
        const cx = Math.round((x - r.left) * k), cy = Math.round((y - r.top) * k), R = Math.round(radius * k);
        const d = g.getImageData(cx - R, cy - R, 2 * R + 1, 2 * R + 1).data;
        const out: number[][] = [];
        for (let i = 0; i < d.length; i += 4) out.push([d[i], d[i + 1], d[i + 2]]);
        return out;
      });
    },
    { points, radius, scale },
  );
}

/** Distance from an RGB colour (0–255) to the nearest colour of a LUT (flat [n, 3] in 0–1). */
function lutDistance(c: number[], lut: Float32Array): number {
  let best = Infinity;
  for (let i = 0; i < lut.length; i += 3) best = Math.min(best, Math.hypot(c[0] - 255 * lut[i], c[1] - 255 * lut[i + 1], c[2] - 255 * lut[i + 2]));
  return best;
}

describe('the stage', () => {
  it('the bound plane is drawn in its own lighter colours (not the surface’s), its bar matches, and the legend says what it is', async () => {
    const p = s.page;
    await api('setField', 'loss');
    await waitForIdle(p);
    const win = await api<{ w1: [number, number]; w2: [number, number] }>('viewWindow');
    const corners: [number, number][] = [[win.w1[0], win.w2[0]], [win.w1[1], win.w2[0]], [win.w1[0], win.w2[1]], [win.w1[1], win.w2[1]]];
    const onPage = await Promise.all(corners.map((c) => api<[number, number]>('planeScreen', ...c)));
    // The plane's corner nearest the camera (lowest on the page): the plane is in view around it.
    const near = onPage.reduce((a, b, i) => (b[1] > onPage[a][1] ? i : a), 0);
    const [c1, c2] = corners[near];
    const in1 = c1 === win.w1[0] ? 1 : -1, in2 = c2 === win.w2[0] ? 1 : -1;
    const s1 = win.w1[1] - win.w1[0], s2 = win.w2[1] - win.w2[0];
    const probes: [number, number][] = [];
    for (const f of [0.03, 0.06, 0.1]) for (const g of [0.03, 0.06, 0.1]) probes.push(await api<[number, number]>('planeScreen', c1 + in1 * f * s1, c2 + in2 * g * s2));
    const px = (await scenePixels(probes)).map((a) => a[0]);
    const raw = colormapLut('viridis', 256), tinted = planeLut('viridis', 256);
    const onPlane = px.filter((c) => lutDistance(c, tinted) < 12);
    // Most probes land on the plane, and what they show is far from every colour of the surface's map.
    expect(onPlane.length, `plane pixels ${JSON.stringify(px)}`).toBeGreaterThanOrEqual(6);
    for (const c of onPlane) expect(lutDistance(c, raw), `plane pixel ${c} is a surface colour`).toBeGreaterThan(30);
    // The plane's colour bar starts and ends with the plane's colours.
    const ramp = await p.evaluate(() => getComputedStyle(document.querySelector('[data-testid="colorbar-bound"] .colorbar-ramp')!).backgroundImage);
    const stops = [...ramp.matchAll(/rgb\((\d+), (\d+), (\d+)\)/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
    expect(stops.length).toBeGreaterThan(2);
    expect(lutDistance(stops[0], tinted)).toBeLessThan(2);
    expect(lutDistance(stops[0], raw)).toBeGreaterThan(30);
    await expect.poll(() => p.getByTestId('legend-plane').textContent()).toMatch(/plane below: bound, lighter colours/);
    expect(s.errors).toEqual([]);
  });

  it('the marker is drawn pink, as the legend and the help call it', async () => {
    const p = s.page;
    const win = await api<{ w1: [number, number]; w2: [number, number] }>('viewWindow');
    await api('setMarker', win.w1[0] + 0.4 * (win.w1[1] - win.w1[0]), win.w2[0] + 0.5 * (win.w2[1] - win.w2[0]));
    await waitForIdle(p);
    await expect.poll(async () => (await api<[number, number] | null>('markerScreen')) !== null).toBe(true);
    const m = await api<[number, number]>('markerScreen');
    // The handle (rendered at 2×), inside the σ* box's white outline.
    const [ring] = await scenePixels([m], 4, 2);
    const pink = ring.filter(([r, g, b]) => r > 190 && g < 120 && b > 60 && b < 200).length;
    const white = ring.filter(([r, g, b]) => Math.min(r, g, b) > 200).length;
    expect(pink, `pink ${pink}, white ${white} of ${ring.length}`).toBeGreaterThan(2 * white);
    expect(await p.locator('.lg-marker').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(255, 79, 163)');
    expect(s.errors).toEqual([]);
  });
});

/** Boxes of the elements matching a selector (visible ones), in page pixels. */
function boxesOf(sel: string): Promise<(Box & { text: string })[]> {
  return s.page.evaluate((sel) => [...document.querySelectorAll(sel)].map((e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height, text: (e.textContent ?? '').slice(0, 30) };
  }).filter((b) => b.width > 0 && b.height > 0 && getComputedStyle(document.querySelector(sel)!).visibility !== 'hidden'), sel);
}

describe('layout of the stage', () => {
  it('top-down: the plot, its ticks and axis titles are clear of the colour bars, readout, legend and training bar (1280×720 and 1920×1080)', async () => {
    const p = s.page;
    await p.getByTestId('top-down').check();
    // After idle() the contour lines in the scene are those of the field and grid shown (idle()
    // waits for the scene's sliced work; it once returned before a new field's lines were traced).
    const contoursNow = () => p.evaluate(() => {
      const a = (window as W).pacscape;
      return { want: { field: a.field(), gridVersion: a.gridVersion() }, have: a.contours() };
    });
    for (const field of ['psi', 'bound', 'loss']) {
      await api('setField', field);
      await waitForIdle(p);
      const c = await contoursNow();
      expect(c.have, field).toMatchObject({ ...c.want, pending: false });
      expect(c.have.segments, field).toBeGreaterThan(100);
    }
    for (const [w, h] of [[1280, 720], [1920, 1080]]) {
      await p.setViewportSize({ width: w, height: h });
      await waitForIdle(p);
      const win = await api<{ w1: [number, number]; w2: [number, number] }>('viewWindow');
      // The plot's rectangle on the page (its corners), once the framing has settled.
      const plotBox = async () => {
        const pts = await Promise.all([[win.w1[0], win.w2[0]], [win.w1[1], win.w2[1]], [win.w1[0], win.w2[1]], [win.w1[1], win.w2[0]]].map((c) => api<[number, number]>('planeScreen', ...c)));
        const xs = pts.map((q) => q[0]), ys = pts.map((q) => q[1]);
        return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys), width: 0, height: 0 };
      };
      await expect.poll(async () => JSON.stringify(await plotBox()), { interval: 200, timeout: 10_000 }).toBe(JSON.stringify(await (async () => {
        await p.waitForTimeout(300);
        return plotBox();
      })()));
      const plot = await plotBox();
      plot.width = plot.right - plot.left;
      plot.height = plot.bottom - plot.top;
      // Surface heights lift parts of it towards the camera: allow for that with the surface's own corners too.
      const surf = await Promise.all([[win.w1[0], win.w2[0]], [win.w1[1], win.w2[1]], [win.w1[0], win.w2[1]], [win.w1[1], win.w2[0]]].map((c) => api<[number, number]>('surfaceScreen', ...c)));
      for (const q of surf) {
        plot.left = Math.min(plot.left, q[0]);
        plot.right = Math.max(plot.right, q[0]);
        plot.top = Math.min(plot.top, q[1]);
        plot.bottom = Math.max(plot.bottom, q[1]);
      }
      expect(plot.right - plot.left, 'the plot is large').toBeGreaterThan(0.45 * Math.min(w - 600, h));
      const covers = [...(await boxesOf('.landscape-colorbars')), ...(await boxesOf('.landscape-readout')), ...(await boxesOf('.landscape-legend')), ...(await boxesOf('.train-stage-bar'))];
      expect(covers.length).toBe(4);
      const labels = [...(await boxesOf('.landscape .axis-tick')), ...(await boxesOf('.landscape .axis-title'))];
      expect(labels.length).toBeGreaterThan(6);
      for (const c of covers) {
        expect(overlaps(plot, c), `the plot under ${c.text} at ${w}×${h}`).toBe(false);
        for (const l of labels) expect(overlaps(l, c), `label "${l.text}" under "${c.text}" at ${w}×${h}`).toBe(false);
      }
    }
    await p.setViewportSize({ width: 1280, height: 720 });
    await p.getByTestId('top-down').uncheck();
    await waitForIdle(p);
    expect(s.errors).toEqual([]);
  });

  it('presentation: "Exit presentation" stays inside the header, and number fields show their whole value', async () => {
    const p = s.page;
    await p.keyboard.press('f');
    await expect.poll(() => p.evaluate(() => document.documentElement.classList.contains('presenting'))).toBe(true);
    const [exit] = await boxesOf('.presentation-exit');
    const [header] = await boxesOf('.app-header');
    expect(exit.top).toBeGreaterThanOrEqual(header.top);
    expect(exit.bottom, 'the button crosses the header rule').toBeLessThanOrEqual(header.bottom - 1);
    const clipped = await p.evaluate(() =>
      [...document.querySelectorAll<HTMLInputElement>('.panel-right input[type=number]')]
        .filter((e) => e.getBoundingClientRect().width > 0 && e.scrollWidth > e.clientWidth)
        .map((e) => `${e.getAttribute('aria-label') ?? e.name}: ${e.value}`),
    );
    expect(clipped).toEqual([]);
    await p.keyboard.press('f');
    await expect.poll(() => p.evaluate(() => document.documentElement.classList.contains('presenting'))).toBe(false);
    expect(s.errors).toEqual([]);
  });

  it('phone (390×844): the training bar sits above the legend, and the legend shows no keyboard hints', async () => {
    const t = await openSession({ width: 390, height: 844, isMobile: true, hasTouch: true });
    try {
      await openApp(t, PAPER_TOY_LINK);
      const box = (sel: string) => t.page.locator(sel).first().boundingBox();
      await expect.poll(async () => !!(await box('.landscape-legend')) && !!(await box('.train-stage-bar'))).toBe(true);
      const legend = (await box('.landscape-legend'))!, bar = (await box('.train-stage-bar'))!;
      const a = { left: legend.x, right: legend.x + legend.width, top: legend.y, bottom: legend.y + legend.height, width: legend.width, height: legend.height };
      const b = { left: bar.x, right: bar.x + bar.width, top: bar.y, bottom: bar.y + bar.height, width: bar.width, height: bar.height };
      expect(overlaps(a, b), `legend ${JSON.stringify(a)} bar ${JSON.stringify(b)}`).toBe(false);
      expect(b.bottom).toBeLessThanOrEqual(a.top);
      expect(await t.page.locator('.landscape-legend .lg-hint').isVisible()).toBe(false);
      expect(t.errors).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

describe('the grid workers', () => {
  it('the first landscape is computed by the TS engine in one grid worker per core (at most 4), each script fetched once, and no more start after', async () => {
    const t = await openSession({ width: 1280, height: 720 });
    try {
      const fetched: string[] = [];
      const started: string[] = [];
      t.context.on('request', (r) => {
        if (/gridWorker[^/]*\.js/.test(r.url())) fetched.push(r.url());
      });
      t.page.on('worker', (w) => {
        if (/gridWorker/.test(w.url())) started.push(w.url());
      });
      await openApp(t, PAPER_TOY_LINK);
      const cores = await t.page.evaluate(() => navigator.hardwareConcurrency || 2);
      const pool = Math.max(1, Math.min(4, cores));
      // The first preview ran on the TS workers (TensorFlow.js loads after it), the engine
      // calibration too, and WebGL was picked.
      expect(await t.page.evaluate(() => (window as W).pacscape.engine)).toBe('webgl');
      expect(started).toHaveLength(pool);
      expect(fetched.length, 'requests for the worker script').toBeLessThanOrEqual(pool);
      await t.page.evaluate(() => (window as W).pacscape.diagnostics());
      const r = await t.page.evaluate(() => (window as W).pacscape.bench.grid({ w1: [-1, 4], w2: [-3.5, 2.5], res: 24 }, 'ts'));
      expect(r.loss).toHaveLength(24 * 24);
      expect(r.loss.every(Number.isFinite)).toBe(true);
      expect(started).toHaveLength(pool);
      expect(t.errors).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

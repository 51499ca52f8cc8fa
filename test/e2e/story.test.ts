/**
 * The guided story told from the live numbers: on every preset, each step's text carries the
 * values the app computed for the view (compared with pacscape.minima() and pinned()), each step
 * points at what it names, and the card covers none of it (projected positions from
 * surfaceScreen/markerScreen and the story's own target list) at 1280×720 and in presentation
 * mode (each preset loaded once for both); step bounds are refused with a message; step 7 runs 32 + 32 seeds and tells where they
 * ended; the glossary explains every symbol on hover and keyboard focus.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, openSession, waitForIdle, type Session } from './harness';
import { STORY_RUNS_PER_METHOD, storyPct } from '../../src/core/storyText';
import { fmtQ, fmtW } from '../../src/core/format';
import { MARK_COLORS } from '../../src/scene/markColors';

type W = any;
const SHOTS = process.env.PACSCAPE_SHOTS ?? '/tmp';

interface Min {
  w: [number, number];
  loss: number;
  psi: number;
  bound: number;
  lambdaMax: number;
  lambdaMin: number;
  nearConstant?: boolean;
}
interface Row {
  w: [number, number];
  loss: number;
  psi: number;
  bound: number;
  trainAcc: number;
  testAcc: number;
  testLoss: number;
  gapLoss: number;
}
interface Layout {
  card: { left: number; top: number; width: number; height: number } | null;
  targets: { id: string; x: number; y: number; r: number }[];
  covered: number;
  panel: string | null;
}

/**
 * The views open at 64²: the story tells the numbers of the page's minima and pins (refined and
 * computed at the points, not read off the grid) and places its card by their projections, so a
 * coarser landscape tests the same; a 256² landscape per preset was most of this file's time.
 */
const LINK = '#v=1&res=64';

let s: Session;
beforeAll(async () => {
  s = await openSession({ width: 1280, height: 720 });
  await openApp(s, LINK);
});
afterAll(async () => {
  await s?.close();
});

const call = <T,>(name: string, ...args: unknown[]) => s.page.evaluate(([n, a]) => (window as W).pacscape[n as string](...(a as unknown[])), [name, args] as const) as Promise<T>;
const same = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1]) < 1e-9;
const inside = (c: NonNullable<Layout['card']>, p: readonly [number, number]) => p[0] >= c.left && p[0] <= c.left + c.width && p[1] >= c.top && p[1] <= c.top + c.height;

/** Opens step n and waits until the card has been placed twice at the same spot (camera settled). */
async function openStep(n: number): Promise<Layout> {
  expect(await call<boolean>('story', n)).toBe(true);
  await s.page.waitForFunction((n) => document.querySelector('section.story .story-count')?.textContent?.includes(`Step ${n} of`), n);
  let prev = '';
  let lay: Layout | null = null;
  await expect
    .poll(async () => {
      lay = await call<Layout>('storyLayout');
      const key = JSON.stringify(lay.card);
      const ok = !!lay.card && key === prev;
      prev = key;
      return ok;
    }, { timeout: 20_000, interval: 250 })
    .toBe(true);
  return lay!;
}

/** The two minima the story must compare, chosen here from pacscape.minima() by character. */
function roles(ms: Min[]): { low: Min; other: Min | null } {
  const low = ms.reduce((a, b) => (b.loss < a.loss ? b : a));
  const rest = ms.filter((m) => m !== low);
  const real = rest.filter((m) => m.nearConstant === false);
  const pool = real.length ? real : rest;
  const other = pool.length ? pool.reduce((a, b) => (b.lambdaMax < a.lambdaMax ? b : a)) : null;
  return { low, other };
}

/** Checks every step on the loaded view: live values in the text, targets clear of the card. */
async function checkSteps(label: string): Promise<void> {
  await waitForIdle(s.page);
  await expect.poll(() => call<Min[]>('minima').then((m) => m.length), { timeout: 60_000 }).toBeGreaterThan(0);
  const minima = await call<Min[]>('minima');
  const { low, other } = roles(minima);
  const texts: string[] = [];
  for (let n = 1; n <= 7; n++) {
    const lay = await openStep(n);
    const text = (await call<string>('storyText', n))!;
    texts.push(text);
    // What the card shows is the text storyText returns.
    const card = (await s.page.locator('section.story').innerText()).replace(/\s+/g, ' ');
    for (const line of text.split('\n').slice(0, 2)) expect(card, `${label} step ${n}`).toContain(line.replace(/\s+/g, ' ').slice(0, 60));
    // No target the step highlights lies under the card.
    expect(lay.covered, `${label} step ${n}: covered targets`).toBe(0);
    for (const t of lay.targets) expect(inside(lay.card!, [t.x, t.y]), `${label} step ${n}: ${t.id} under the card`).toBe(false);
    // The same, from the page's own projections of the objects the step names.
    if (n === 1 || n === 5) {
      const m = await call<[number, number] | null>('markerScreen');
      expect(m).not.toBeNull();
      expect(inside(lay.card!, m!), `${label} step ${n}: marker under the card`).toBe(false);
    }
    if ((n === 2 || n === 3 || n === 6) && other) {
      for (const q of [low, other]) {
        const p = await call<[number, number] | null>('surfaceScreen', q.w[0], q.w[1]);
        expect(inside(lay.card!, p!), `${label} step ${n}: minimum under the card`).toBe(false);
      }
    }
    if (n === 7 && other) {
      const start: [number, number] = [(low.w[0] + other.w[0]) / 2, (low.w[1] + other.w[1]) / 2];
      const p = await call<[number, number] | null>('surfaceScreen', start[0], start[1]);
      expect(inside(lay.card!, p!), `${label} step 7: start under the card`).toBe(false);
    }
    expect(await s.page.locator('.story-focus').count(), `${label} step ${n}: the panel it refers to is outlined`).toBeGreaterThan(0);
  }
  // Step texts carry the live values of this view.
  expect(texts[0]).toContain(`${minima.length === 1 ? 'One local minimum' : `${minima.length} local minima`}`);
  if (!other) {
    expect(texts[1]).toContain('one local minimum');
    return;
  }
  const rows = await call<Row[]>('pinned');
  expect(rows).toHaveLength(2);
  expect(same(rows[0].w, low.w)).toBe(true);
  expect(same(rows[1].w, other.w)).toBe(true);
  const [L, O] = rows;
  for (const [m, r] of [[low, L], [other, O]] as const) {
    expect(texts[1]).toContain(fmtQ('value', m.loss));
    expect(texts[1]).toContain(fmtQ('value', m.lambdaMax));
    expect(texts[1]).toContain(storyPct(r.trainAcc));
    expect(texts[2]).toContain(fmtQ('value', m.psi));
    expect(texts[3]).toContain(fmtQ('value', m.bound));
    if (Number.isFinite(r.testAcc)) {
      expect(texts[5]).toContain(storyPct(r.testAcc));
      expect(texts[5]).toContain(fmtQ('value', r.testLoss));
      expect(texts[5]).toContain(fmtQ('value', r.gapLoss));
    }
  }
  expect(texts[2]).toContain(`Ψ | ${fmtQ('value', L.psi)} | ${fmtQ('value', O.psi)}`);
  expect(texts[3]).toContain(`bound | ${fmtQ('value', L.bound)} | ${fmtQ('value', O.bound)}`);
  // Verdicts follow the numbers, whichever way they go.
  const ratio = low.lambdaMax / other.lambdaMax;
  const sharper = Math.abs(Math.log(ratio)) < Math.log(1.05) ? 'about equally sharp' : ratio >= 1 ? 'the sharper one' : 'also the flatter one';
  expect(texts[1]).toContain(sharper);
  expect(texts[2]).toContain(Math.abs(L.psi - O.psi) < 0.005 ? 'does not separate' : `Ψ is lower at the ${L.psi < O.psi ? 'lowest' : other.lambdaMax < low.lambdaMax ? 'flatter' : 'other'} minimum`);
  if (Number.isFinite(L.testLoss) && Math.abs(L.testLoss - O.testLoss) >= 0.0005) {
    const lowBetter = L.testLoss < O.testLoss;
    const lowSharper = low.lambdaMax >= other.lambdaMax;
    expect(texts[5]).toContain(`the ${lowBetter === lowSharper ? 'sharper' : 'flatter'} minimum tests better`);
  }
  expect(texts[6]).toContain(`(${fmtW((low.w[0] + other.w[0]) / 2)}, ${fmtW((low.w[1] + other.w[1]) / 2)})`);
}

describe('story', () => {
  it('refuses step numbers outside 1..7 with a message and never throws', async () => {
    await call('story', 2);
    for (const bad of [8, 0, -1, 2.5, NaN]) {
      expect(await call<boolean>('story', bad)).toBe(false);
      await expect.poll(() => s.page.locator('[data-testid=message]').textContent()).toContain('the story has steps 1 to 7');
      expect(await s.page.locator('section.story .story-count').textContent()).toBe('Step 2 of 7');
      expect(await call('storyText', bad)).toBeNull();
    }
    expect(await s.page.locator('section.story').textContent()).not.toMatch(/Step (8|0|-1|NaN)/);
    await s.page.getByRole('button', { name: 'Dismiss message' }).click();
    expect(s.errors).toEqual([]);
  });

  it('steps 1 and 2 differ visibly: other highlights, pins and panel', async () => {
    const a = await openStep(1);
    const shot1 = await s.page.screenshot();
    const b = await openStep(2);
    const shot2 = await s.page.screenshot();
    expect(new Set(a.targets.map((t) => t.id))).not.toEqual(new Set(b.targets.map((t) => t.id)));
    expect(a.panel).not.toBe(b.panel);
    expect((await call<unknown[]>('pinned')).length).toBe(2);
    expect(shot1.equals(shot2)).toBe(false);
    expect(await s.page.locator('.story-mark').count()).toBeGreaterThan(0);
    // The table's minima heads are in the stage's minima colours (scene/markColors), not a copy.
    const heads = await s.page.evaluate(() => [...document.querySelectorAll('.story-table :is(.story-low, .story-other)')].map((e) => getComputedStyle(e).color));
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ')})`;
    expect(heads).toEqual([rgb(MARK_COLORS.global), rgb(MARK_COLORS.local)]);
  });

  it('every step carries the live values and keeps its targets clear, on every preset, at 1280×720 and in presentation mode', async () => {
    // Each preset is loaded once and told twice: in the normal layout, then presenting.
    const presets: { id: string }[] = (await s.page.evaluate(() => (window as W).pacscape.presets?.() ?? [])) ?? [];
    if (!presets.length) presets.push({ id: '' });
    for (const p of presets) {
      if (p.id) await s.page.evaluate((id) => (window as W).pacscape.loadPreset(id), p.id);
      const label = p.id || 'default view';
      await checkSteps(label);
      await s.page.screenshot({ path: `${SHOTS}/pacscape-story-${p.id || 'default'}-1280.png` });
      await s.page.evaluate(() => (document.activeElement as HTMLElement)?.blur());
      await s.page.keyboard.press('f');
      await expect.poll(() => s.page.evaluate(() => document.documentElement.classList.contains('presenting'))).toBe(true);
      try {
        await checkSteps(`${label}, presenting`);
        if (p === presets.at(-1)) await s.page.screenshot({ path: `${SHOTS}/pacscape-story-present-1280.png` });
      } finally {
        await s.page.keyboard.press('Escape'); // closes the story
        await s.page.keyboard.press('Escape'); // leaves presentation mode
      }
      await expect.poll(() => s.page.evaluate(() => document.documentElement.classList.contains('presenting'))).toBe(false);
    }
    expect(s.errors).toEqual([]);
  }, 600_000);

  for (const size of [
    { width: 1920, height: 1080 },
    { width: 390, height: 844, isMobile: true, hasTouch: true },
  ]) {
    it(`the card keeps every step's targets clear at ${size.width}×${size.height}`, async () => {
      const t = await openSession(size);
      try {
        await openApp(t, LINK);
        await expect.poll(() => t.page.evaluate(() => (window as W).pacscape.minima().length), { timeout: 60_000 }).toBeGreaterThan(0);
        for (let n = 1; n <= 7; n++) {
          await t.page.evaluate((n) => (window as W).pacscape.story(n), n);
          let prev = '';
          await expect
            .poll(async () => {
              const lay: Layout = await t.page.evaluate(() => (window as W).pacscape.storyLayout());
              const key = JSON.stringify(lay.card);
              const ok = !!lay.card && key === prev && lay.targets.length > 0;
              prev = key;
              return ok;
            }, { timeout: 20_000, interval: 250 })
            .toBe(true);
          const lay: Layout = await t.page.evaluate(() => (window as W).pacscape.storyLayout());
          expect(lay.covered, `step ${n}`).toBe(0);
          for (const q of lay.targets) expect(inside(lay.card!, [q.x, q.y]), `step ${n}: ${q.id}`).toBe(false);
          // The card is on the screen, whole.
          expect(lay.card!.left).toBeGreaterThanOrEqual(0);
          expect(lay.card!.left + lay.card!.width).toBeLessThanOrEqual(size.width);
          expect(lay.card!.top + lay.card!.height).toBeLessThanOrEqual(size.height);
          await t.page.screenshot({ path: `${SHOTS}/pacscape-story-${size.width}-${n}.png` });
        }
        expect(t.errors).toEqual([]);
      } finally {
        await t.close();
      }
    });
  }

  it('step 7 runs 32 + 32 seeds from one start and tells where they ended', async () => {
    await openStep(7);
    await s.page.getByTestId('story-runs').click();
    await expect.poll(() => call<string>('storyText', 7), { timeout: 170_000, interval: 1000 }).toMatch(/Perturbation (did not change|sent)/);
    const text = await call<string>('storyText', 7);
    const res = await call<{ rows: { method: string; basin: number | null; testLoss: number; start: [number, number] }[]; minima: { w: [number, number] }[] }>('experimentResult');
    expect(res.rows.filter((r) => r.method === 'gd')).toHaveLength(STORY_RUNS_PER_METHOD);
    expect(res.rows.filter((r) => r.method === 'perturbed')).toHaveLength(STORY_RUNS_PER_METHOD);
    expect(new Set(res.rows.map((r) => r.start.join()))).toHaveProperty('size', 1);
    const { low } = roles(await call<Min[]>('minima'));
    for (const method of ['gd', 'perturbed']) {
      const rs = res.rows.filter((r) => r.method === method);
      const atLow = rs.filter((r) => r.basin !== null && same(res.minima[r.basin].w, low.w)).length / rs.length;
      const meanTest = rs.reduce((a, r) => a + r.testLoss, 0) / rs.length;
      expect(text).toContain(`${method === 'gd' ? 'plain' : 'perturbed'} ×${STORY_RUNS_PER_METHOD} | ${storyPct(atLow)}`);
      expect(text).toContain(fmtQ('value', meanTest));
    }
    // The endpoints are drawn on the surface, and the card keeps them clear.
    await expect.poll(() => call<string[]>('sceneObjects')).toContain('story-ends-perturbed');
    const lay = await call<Layout>('storyLayout');
    expect(lay.targets.some((t) => t.id === 'endpoints')).toBe(true);
    await expect.poll(async () => (await call<Layout>('storyLayout')).covered, { timeout: 10_000 }).toBe(0);
    await s.page.screenshot({ path: `${SHOTS}/pacscape-story-runs-1280.png` });
    // The last step links to the Experiments view, which holds these runs.
    expect(text).toContain('Experiments view');
    await s.page.getByTestId('story-experiments').click();
    await expect.poll(() => s.page.locator('section.story').count()).toBe(0);
    await expect.poll(() => s.page.evaluate(() => (window as W).pacscape.experimentResult().rows.length)).toBe(2 * STORY_RUNS_PER_METHOD);
    await expect.poll(() => s.page.locator('.experiments').isVisible()).toBe(true);
    await s.page.evaluate(() => (window as W).pacscape.openExperiments(false));
    expect(s.errors).toEqual([]);
  });

  it('the glossary explains every symbol on hover and on keyboard focus', async () => {
    await call('story', null);
    const ids = await s.page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('.gl-term[data-term]')).map((e) => e.dataset.term!));
    for (const id of ['loss', 'hessian', 'lambda', 'thirdNorm', 'rho', 'kappa', 's', 'sigmaCirc', 'sigmaStar', 'psi', 'psiScale', 'psiCurvature', 'bound', 'boundCurvature', 'boundComplexity', 'trainAcc', 'testAcc', 'testLoss', 'gapLoss']) expect(ids, id).toContain(id);
    // Keyboard: focus shows the tip, with plain words, the formula and the SPEC section; ρ says its reading.
    const rho = s.page.locator('.gl-term[data-term="rho"]');
    await rho.focus();
    const tip = rho.locator('[role=tooltip]');
    await expect.poll(() => tip.isVisible()).toBe(true);
    const t = await tip.innerText();
    expect(t).toContain('max over');
    expect(t).toContain('SPEC.md §4');
    expect(t).toContain('(reading:');
    await s.page.keyboard.press('Tab');
    await expect.poll(() => tip.isVisible()).toBe(false);
    // Mouse: hovering a pin-table row head shows its tip.
    const gap = s.page.locator('.gl-term[data-term="gapLoss"]');
    await gap.hover();
    await expect.poll(() => gap.locator('[role=tooltip]').isVisible()).toBe(true);
    expect(await gap.locator('[role=tooltip]').innerText()).toContain('test loss(w) − L̂(w)');
    await s.page.mouse.move(5, 5);
    expect(s.errors).toEqual([]);
  });
});

/**
 * The first load's size: the JavaScript a fresh page fetches until its first landscape is on screen
 * (page and workers, gzip as scripts/benchLoad.ts counts it) stays within FIRST_VIEW_JS_BUDGET_KB,
 * and the build holds no more of three.js than the app uses (the full namespace r3f's Canvas
 * extends its catalogue with is swapped for src/scene/threeShim.ts at build time). Sizes only: the
 * time to the first landscape is the bench's (`BENCH_ONLY=load npm run bench`), not a test's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appUrl, openSession, type Session } from './harness';
import { FIRST_VIEW_JS_BUDGET_KB, gzipBytes, scriptsRequestedBy } from '../../scripts/benchLoad';

/**
 * `type` names of three.js classes the app never uses; each is in the bundle when all of three is
 * (checked: a build without the shim has every one of them).
 */
const UNUSED_THREE_TYPES = ['TorusKnotGeometry', 'IcosahedronGeometry', 'LatheGeometry', 'SkinnedMesh', 'Sprite', 'LOD', 'ArrowHelper'];

describe('first load', () => {
  let s: Session;
  beforeAll(async () => {
    s = await openSession({ width: 1280, height: 720 });
  });
  afterAll(async () => {
    await s?.close();
  });

  it(`the first view fetches at most ${FIRST_VIEW_JS_BUDGET_KB} kB of JavaScript (gzip)`, async () => {
    await s.page.goto(appUrl());
    await s.page.waitForFunction(() => performance.getEntriesByName('pacscape:first-landscape').length > 0, undefined, { timeout: 120_000, polling: 10 });
    // What the page requested before it began loading what the first view does not need: once the
    // first landscape is on screen, or after 5 s without it (a very busy machine).
    const files = [...new Set(await scriptsRequestedBy(s.page, new URL(appUrl()), ['pacscape:first-landscape', 'pacscape:after-first-view']))];
    const kb = files.reduce((sum, f) => sum + gzipBytes('dist', f), 0) / 1000;
    // The libraries and the app's entry are there (a request the recorder missed would pass the budget).
    for (const chunk of [/^assets\/index-/, /^assets\/three-/, /^assets\/react-/, /^assets\/gridWorker-/]) expect(files.some((f) => chunk.test(f)), String(chunk)).toBe(true);
    // TensorFlow.js loads after the first landscape.
    expect(files.filter((f) => /tfjs/.test(f))).toEqual([]);
    expect(kb, files.join(', ')).toBeLessThanOrEqual(FIRST_VIEW_JS_BUDGET_KB);
    expect(s.errors).toEqual([]);
  });

  it("the build does not hold three.js's whole namespace", () => {
    const js = readdirSync('dist/assets').filter((f) => f.endsWith('.js')).map((f) => readFileSync(`dist/assets/${f}`, 'utf8'));
    expect(js.some((src) => /WebGLRenderer|isWebGLRenderer/.test(src)), 'three.js is in the build at all').toBe(true);
    const found = UNUSED_THREE_TYPES.filter((name) => js.some((src) => new RegExp(`["'\`]${name}["'\`]`).test(src)));
    expect(found).toEqual([]);
  });
});

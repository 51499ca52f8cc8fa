/**
 * An adversarial session against the built app: bad API calls, hostile links and files, a strict
 * Content-Security-Policy, the GPU context lost while a run trains, and a scripted fuzz of ≥ 200
 * random links and ≥ 50 hostile files that must end with no hang, no console error and a page that
 * still works. Every limit comes from core/params (the same table the app uses).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, openSession, waitForIdle, recordWebGLContexts, denyWebGL, type Session } from './harness';
import { PARAMS } from '../../src/core/params';

type W = any;
let s: Session;

/** Records CSP violations from the first script on (before the app's own code runs). */
const recordViolations = () => {
  (window as W).__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => (window as W).__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
};

beforeAll(async () => {
  s = await openSession({ width: 1280, height: 720 });
  await s.context.addInitScript(recordViolations);
  await openApp(s, '#v=1&res=64');
});
afterAll(async () => {
  await s?.close();
});

const api = <T = unknown>(f: string, ...args: unknown[]) =>
  s.page.evaluate(
    async ([f, args]) => {
      try {
        return { ok: true, value: await (window as W).pacscape[f as string](...(args as unknown[])) };
      } catch (e) {
        return { ok: false, error: String((e as Error).message) };
      }
    },
    [f, args] as const,
  ) as Promise<{ ok: true; value: T } | { ok: false; error: string }>;

const view = () => s.page.evaluate(() => (window as W).pacscape.state());
const message = () => s.page.evaluate(() => document.querySelector('[data-testid=message]')?.textContent ?? '');
const dismiss = async () => {
  const b = s.page.getByRole('button', { name: 'Dismiss message' });
  if (await b.count()) await b.click();
};
/** The page works: a finite readout at the marker, a finite grid, and its own link reopens cleanly. */
async function pageWorks(sess: Session = s) {
  await waitForIdle(sess.page);
  return sess.page.evaluate(async () => {
    const p = (window as W).pacscape;
    const m = p.marker();
    const g = JSON.parse(p.exportText('grid.json'));
    const finite = (a: (number | null)[]) => a.length > 0 && a.every((v) => v !== null && Number.isFinite(v));
    return { marker: [m.loss, m.psi, m.bound].every(Number.isFinite), grid: finite(g.loss) && finite(g.psi) && finite(g.bound), link: typeof p.link() === 'string' };
  });
}

describe('adversarial', () => {
  it('API entrances refuse bad arguments, naming them, and leave the page as it was', async () => {
    const before = await view();
    const bad: [string, unknown[], RegExp][] = [
      ['setMarker', [60, 0], /setMarker: w1 must be a number within ±20, got 60/],
      ['setMarker', [1e6, -1e6], /w1 must be a number within ±20/],
      ['setMarker', [NaN, NaN], /w1 .*got NaN/],
      ['pin', [1e6, 1e6], /pin: w1 must be a number within ±20/],
      ['descend', [NaN, NaN], /descend: w1 .*got NaN/],
      ['evaluateGrid', [], /evaluateGrid: the argument must be an object/],
      ['evaluateGrid', [{ w1: [-1, 1], w2: [-1, 1], res: 2 }], /res \(the grid resolution\) must be an integer from 8 to 512/],
      ['evaluateGrid', [{ w1: [-1e20, 1e20], w2: [-1, 1], res: 64 }], /w1 must lie within ±20/],
      ['evaluateGrid', [{ w1: [-1, 1], w2: [-1, 1], res: 64, data: { x: [[1e20, 0], [0, 1]], y: [0, 1] } }], /outside ±1000/],
      ['capture', ['scene', 3], /capture: scale must be 1 or 2, got 3/],
      ['train', [{ lr: 1e6 }], /train: lr must be a number greater than 0 and at most 100/],
      ['train', [{ start: [NaN, 0] }], /start's w1/],
      ['setData', [{ x: [['0', 1], [1, 0]], y: [0, 1] }], /x1 is the string "0", not a number/],
      ['exportText', ['grid.exe'], /kind must be one of/],
      ['importText', [null], /text must be a string/],
    ];
    for (const [f, args, re] of bad) {
      const r = await api(f, ...args);
      expect(r.ok, `${f}(${JSON.stringify(args)})`).toBe(false);
      expect((r as { error: string }).error, f).toMatch(re);
    }
    // story(n) refuses a step outside 1…7 itself: it returns false and says so (core/params' bound).
    for (const n of [8, 0, NaN, 1.5]) {
      const r = await api('story', n);
      expect(r, String(n)).toEqual({ ok: true, value: false });
      expect(await message()).toMatch(new RegExp(`There is no story step .*the story has steps 1 to ${PARAMS.story.max}`));
    }
    // A step that is not a number at all is refused by the entrance's schema.
    expect(await api('story', '2')).toEqual({ ok: false, error: 'pacscape.story: n must be a story step number (or null to close the story), got "2".' });
    await dismiss();
    expect(await view()).toEqual(before);
    expect(await pageWorks()).toEqual({ marker: true, grid: true, link: true });
    // The page's own link, after everything, reopens without a word.
    await s.page.evaluate(() => (location.hash = new URL((window as W).pacscape.link()).hash.replace('#v=1', '#v=1&m=1,-1')));
    await waitForIdle(s.page);
    expect(await message()).toBe('');
    expect((await view()).marker).toEqual([1, -1]);
    expect(s.errors).toEqual([]);
  });

  it('a link reports everything it ignored or refused in one message and applies the rest', async () => {
    await s.page.evaluate(() => (location.hash = '#v=1&foo=1&bar=&depth=abc&depth=+3&field=psi&m=60,0&gamma=0x1#res=+64&eps=1e-40'));
    await expect.poll(message).toMatch(/not known/);
    const text = await message();
    for (const part of [/"foo", "bar" are not known/, /"depth" is given 2 times/, /second "#"/, /The marker's w1|The marker must lie within ±20/, /γ must be a number/, /ε must be a number from 0.001/]) expect(text).toMatch(part);
    await waitForIdle(s.page);
    const v = await view();
    expect([v.depth, v.field, v.res]).toEqual([3, 'psi', 64]);
    await dismiss();
    await s.page.evaluate(() => (location.hash = '#v=1&res=64'));
    await waitForIdle(s.page);
    expect(s.errors).toEqual([]);
  });

  it('files: the first bad row of a headerless CSV is named, big files are refused before reading', async () => {
    const input = s.page.locator('.export-panel input[type=file]');
    const n0 = await s.page.evaluate(() => JSON.parse((window as W).pacscape.exportText('data.json')).x.length);
    for (const [name, content, re] of [
      ['nan-first.csv', 'NaN,0.5,1\n0,1,0\n1,0,1', /Line 1, column 1 \(x1\): "NaN" is not a finite number/],
      ['yes.csv', '1,2,yes\n0,1,0\n1,0,1', /Line 1, column 3 \(y\): the label is "yes"/],
      ['cr.csv', 'x1,x2,y\r0,1,0\r1,NaN,1', /Line 3, column 2 \(x2\)/],
      ['big.csv', 'x1,x2,y\n' + '0.5,0.25,1\n'.repeat(400_000), /is 4\.2 MB; data files are limited to 1024 kB.*before reading/],
      ['far.json', '{"x": [[1e20, 0], [0, 1]], "y": [0, 1]}', /outside ±1000/],
    ] as const) {
      await input.setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
      await expect.poll(message, { timeout: 10_000 }).toMatch(re);
      expect(await message()).toMatch(/unchanged/);
      await dismiss();
    }
    const big = await s.page.evaluate(() => (window as W).pacscape.importText('x1,x2,y\n' + '0,1,0\n'.repeat(300_000), 'big-script.csv'));
    expect(big).toBe(false);
    expect(await message()).toMatch(/limited to 1048576 bytes/);
    await dismiss();
    expect(await s.page.evaluate(() => JSON.parse((window as W).pacscape.exportText('data.json')).x.length)).toBe(n0);
    expect(s.errors).toEqual([]);
  });

  it('the page carries a strict Content-Security-Policy and nothing it does violates it', async () => {
    const csp = await s.page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval'(;|$)/);
    expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
    const p = s.page;
    await p.keyboard.press('s');
    await p.keyboard.press('PageDown');
    await p.keyboard.press('Escape');
    await p.keyboard.press('?');
    await p.keyboard.press('Escape');
    await p.evaluate(() => (window as W).pacscape.capture('scene', 2));
    await p.evaluate(() => (window as W).pacscape.importText('x1,x2,y\n0,0,0\n1,1,1\n2,0,1\n0,2,0', 'tiny.csv'));
    await waitForIdle(p);
    for (const id of (await p.evaluate(() => (window as W).pacscape.pngTargets().map((t: { id: string }) => t.id))) as string[]) await p.evaluate((id) => (window as W).pacscape.capture(id, 1).catch(() => null), id);
    // An injected payload in a file name is shown as text, and nothing runs.
    await p.evaluate(() => (window as W).pacscape.importText('x1,x2,y\n0,0,0\n1,1,1', '<img src=x onerror="window.__pwned=1">.csv'));
    await p.waitForTimeout(200);
    expect(await p.evaluate(() => (window as W).__pwned ?? 0)).toBe(0);
    expect(await p.evaluate(() => (window as W).__csp)).toEqual([]);
    // The wasm path (no WebGL) works under the same policy.
    const t = await openSession({ args: ['--disable-webgl', '--disable-3d-apis'] });
    try {
      await t.context.addInitScript(recordViolations);
      await denyWebGL(t);
      await openApp(t, '#v=1&res=32');
      expect(['wasm', 'cpu']).toContain(await t.page.evaluate(() => (window as W).pacscape.backend));
      expect(await t.page.evaluate(() => (window as W).__csp)).toEqual([]);
      expect(t.errors).toEqual([]);
    } finally {
      await t.close();
    }
    await dismiss();
    expect(s.errors).toEqual([]);
  });

  it('losing the GPU context while a run trains ends the run with a message, and tensors stay flat', async () => {
    const t = await openSession();
    const warnings: string[] = [];
    t.page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    try {
      await recordWebGLContexts(t);
      await openApp(t, '#v=1&res=32');
      const p = t.page;
      expect(await p.evaluate(() => (window as W).pacscape.backend)).toBe('webgl');
      const tensors = () => p.evaluate(() => (window as W).pacscape.numTensors());
      const n0 = await tensors();
      for (let cycle = 0; cycle < 3; cycle++) {
        const out = await p.evaluate(async () => {
          const api = (window as W).pacscape;
          const run = api.train({ method: 'gd', lr: 0.01, steps: 5000 }).then(
            () => 'finished',
            (e: Error) => e.message,
          );
          // Lose every WebGL context once the run is under way.
          await new Promise((r) => setTimeout(r, 300));
          const exts = (window as W).__gl.map((g: WebGLRenderingContext) => g.getExtension('WEBGL_lose_context')).filter(Boolean);
          exts.forEach((e: W) => e.loseContext());
          const result = await Promise.race([run, new Promise((r) => setTimeout(() => r('still running after 20 s'), 20_000))]);
          const runs = api.runs();
          // Restore once every context's loss event has been dispatched (restoring inside one is refused).
          await new Promise((r) => setTimeout(r, 500));
          exts.forEach((e: W) => e.restoreContext());
          return { result, status: runs[runs.length - 1].status };
        });
        expect(out.result).toMatch(/GPU context was lost during the run .*stopped after \d+ steps?/);
        expect(out.status).toBe('error');
        // After the restore (tfjs re-creates its WebGL backend) a new run trains to the end.
        await expect
          .poll(() => p.evaluate(() => (window as W).pacscape.train({ method: 'gd', lr: 0.5, steps: 20 }).then((path: unknown[]) => path.length, (e: Error) => e.message)), { timeout: 60_000 })
          .toBe(21);
        expect(await p.evaluate(() => (window as W).pacscape.backend)).toBe('webgl');
        await waitForIdle(p);
        await p.evaluate(() => (window as W).pacscape.clearRuns());
        expect(await tensors(), `cycle ${cycle}`).toBe(n0);
      }
      const errs = t.errors.filter((e) => !/CONTEXT_LOST|context lost|Context Lost/i.test(e));
      expect(errs).toEqual([]);
      // The re-created backend registers no kernel twice, polls no fence of the lost context and
      // runs no program compiled for it (each of these warned hundreds of times per cycle).
      const stale = warnings.filter((w) => /already registered|clientWaitSync|useProgram|location is not from the associated program|no valid shader program/.test(w));
      expect(stale.slice(0, 5), `${stale.length} warnings about the lost context's objects, first: ${stale.slice(0, 3).join(" / ")}`).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('fuzz: 200 random links and 50 hostile files end with no hang, no console error and a working page', async () => {
    // A seeded generator, so a failure can be replayed.
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const pick = <T>(a: readonly T[]) => a[Math.floor(rnd() * a.length)];
    const num = () => pick(['0', '1', '-1', '+3', '2.5e-1', '1e308', '-1e-308', 'NaN', 'Infinity', '0x10', '', '1,2', '%20', '1e', '.5', '-.5e+1', String(PARAMS.w.max), String(-PARAMS.w.max - 1), '99999999999999999999']);
    const pair = () => `${num()},${num()}`;
    const keys: Record<string, () => string> = {
      v: () => pick(['1', '2', '0', 'x']),
      data: () => pick(['paper-toy', 'gen', 'two-blobs', 'parity-4', 'file:a.csv', 'nope', '../../etc', '%3Cscript%3E']),
      seed: num,
      n: () => pick(['50', '100', '1000', '1001', '2', '1', 'x']),
      sd: num,
      mu: () => `${pair()};${pair()}`,
      lab: () => pick(['median', 'parity', 'x']),
      depth: () => pick(['1', '3', '5', '8', '9', '0', '+4', 'x']),
      gamma: num,
      eps: num,
      delta: num,
      w1: pair,
      w2: pair,
      res: () => pick(['8', '16', '32', '7', '513', '+16', '1e400']),
      field: () => pick(['loss', 'psi', 'bound', 'lambdaMax', 'x', '']),
      cmap: () => pick(['viridis', 'cividis', 'jet']),
      h: () => pick(['lin', 'log', 'x']),
      top: () => pick(['0', '1', 'yes']),
      plane: () => pick(['0', '1', '2']),
      cam: () => `${pair()},${pair()},${pair()}`,
      m: pair,
      pins: () => `${pair()};${pair()};${pair()}`,
      hide: () => pick(['left', 'right', 'left,right', 'top', '']),
      story: () => pick(['1', '3', '7', '8', '0', 'NaN']),
      present: () => pick(['0', '1', 'x']),
      junk: () => pick(['1', '<b>x</b>', '%', '%E0%A4%A']),
    };
    const links: string[] = [];
    for (let i = 0; i < 200; i++) {
      const parts = ['v=1', 'res=' + pick(['8', '16', '32'])];
      const k = 1 + Math.floor(rnd() * 6);
      for (let j = 0; j < k; j++) {
        const key = pick(Object.keys(keys));
        parts.push(`${key}=${keys[key]()}`);
      }
      // No large generated data in the fuzz (each costs seconds per grid): at most n = 100.
      links.push('#' + parts.join(rnd() < 0.05 ? '#' : '&').replace(/n=1\d{3}/g, 'n=100'));
    }
    const files: [string, string][] = [];
    const bytes = (k: number) => Array.from({ length: k }, () => String.fromCharCode(Math.floor(rnd() * 256))).join('');
    const rows = (k: number, f: (i: number) => string) => Array.from({ length: k }, (_, i) => f(i)).join('\n');
    const makers: (() => string)[] = [
      () => bytes(200),
      () => rows(5, () => `${num()},${num()},${pick(['0', '1', '2', 'yes', ''])}`),
      () => 'x1,x2,y\r' + rows(5, (i) => `${i},${i},${i % 2}`).replace(/\n/g, '\r'),
      () => '\uFEFFx1;x2;y\n1;2;0\n3;4;1',
      () => '{"x": [[0, 1], [1, 0]], "y": [0, 1], "__proto__": {"polluted": 1}, "name": "<img src=x onerror=alert(1)>"}',
      () => '['.repeat(5000) + ']'.repeat(5000),
      () => '{"x": ' + '[0,1],'.repeat(3) + '}',
      () => 'null',
      () => '"0"',
      () => rows(1001, (i) => `${i % 9},${i % 7},${i % 2}`),
      () => rows(3, () => '1,2,1,' + 'x'.repeat(10_000)),
      () => '#' + rows(3, () => '# comment'),
      () => '{"x": [[1, 2], [3, 4]], "y": [true, false], "component": [0, 999]}',
      () => rows(4, (i) => `${i}\t${-i}\t${i % 2}`),
      () => 'x1,x2,y\n' + rows(3, () => `${pick(['1e400', '-0', '0x1', '1_0', ' 2 '])},1,0`),
    ];
    for (let i = 0; i < 50; i++) files.push([`hostile-${i}.${pick(['csv', 'json', 'txt', ''])}`, makers[i % makers.length]()]);

    const out = await s.page.evaluate(
      async ([links, files]) => {
        const api = (window as W).pacscape;
        const results: boolean[] = [];
        const t0 = performance.now();
        for (let i = 0; i < (links as string[]).length; i++) {
          location.hash = (links as string[])[i];
          await new Promise((r) => setTimeout(r, 0));
          if (i % 4 === 3) {
            const [name, text] = (files as [string, string][])[(i - 3) / 4];
            results.push(await api.importText(text, name));
          }
          if (i % 50 === 49) await api.idle();
        }
        await api.idle();
        return { loaded: results.filter(Boolean).length, files: results.length, ms: performance.now() - t0 };
      },
      [links, files] as const,
    );
    expect(out.files).toBe(50);
    expect(out.loaded).toBeLessThan(50);
    // The page still works: a clean link applies fully, computes and reads out finite numbers.
    await s.page.evaluate(() => (location.hash = '#v=1&res=32&field=bound&m=0.5,0.5&pins=2.66,-1.57'));
    await waitForIdle(s.page);
    const v = await view();
    expect([v.res, v.field, v.marker, v.pins.length]).toEqual([32, 'bound', [0.5, 0.5], 1]);
    expect(await pageWorks()).toEqual({ marker: true, grid: true, link: true });
    const path = await s.page.evaluate(() => (window as W).pacscape.train({ method: 'gd', lr: 0.5, steps: 10 }));
    expect(path).toHaveLength(11);
    expect(await s.page.evaluate(() => (window as W).__csp)).toEqual([]);
    expect(s.errors).toEqual([]);
  });
});

/**
 * Unbreakable: bad files, absurd parameters, no WebGL, a lost WebGL context, extreme
 * weights, tensor leaks over many recomputes, console errors and foreign requests in a scripted
 * session, and serving the build from an arbitrary static server and sub-path. One test per bullet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { readFileSync, existsSync, statSync } from 'node:fs';
import { join, extname, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { openApp, openSession, waitForIdle, PAPER_TOY_LINK, recordWebGLContexts, denyWebGL, type Session } from './harness';

type W = any;
let s: Session;
beforeAll(async () => {
  s = await openSession({ width: 1280, height: 720 });
  await openApp(s, PAPER_TOY_LINK);
});
afterAll(async () => {
  await s?.close();
});

const snapshot = (sess: Session = s) =>
  sess.page.evaluate(() => {
    const p = (window as W).pacscape;
    return { state: p.state(), n: JSON.parse(p.exportText('data.json')).x.length, grid: JSON.parse(p.exportText('grid.json')).loss.slice(0, 50) };
  });

const messageText = (sess: Session = s) => sess.page.locator('[data-testid=message]').textContent({ timeout: 5000 });
const dismiss = async (sess: Session = s) => {
  const b = sess.page.getByRole('button', { name: 'Dismiss message' });
  if (await b.count()) await b.click();
};

/** Imports text through the page's file input (the real path a user takes). */
async function importFile(name: string, content: string | Buffer) {
  await s.page.locator('.export-panel input[type=file]').setInputFiles({ name, mimeType: name.endsWith('.json') ? 'application/json' : 'text/csv', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
}

describe('robustness', () => {
  it('malformed, empty, huge, NaN and non-binary files: a clear message and nothing lost', async () => {
    const before = await snapshot();
    const huge = ['x1,x2,y'];
    for (let i = 0; i < 1001; i++) huge.push(`${(i % 97) / 10},${(i % 89) / 10},${i % 2}`);
    const cases: [string, string, RegExp][] = [
      ['broken.json', '{"x": [[0, 1], [1, 0]], "y": [0, 1', /not valid JSON/],
      ['empty.csv', '', /empty/],
      ['blank.csv', '\n\n  \n', /empty/],
      ['huge.csv', huge.join('\n'), /1001 points; at most 1000/],
      ['bytes.csv', 'x1,x2,y\n' + '0.5,0.25,1\n'.repeat(110_000), /limited to 1024 kB.*checked before reading/],
      ['nan.csv', 'x1,x2,y\n0,1,0\nNaN,2,1\n3,4,0', /Line 3, column 1 \(x1\): "NaN" is not a finite number/],
      ['labels.csv', 'x1,x2,y\n0,1,0\n1,2,2\n3,4,1', /labels must be 0 or 1/],
      ['short.csv', 'x1,x2,y\n0,1\n1,2', /columns/],
      ['wrong.json', '{"points": [1, 2, 3]}', /"x"/],
      ['one.json', '{"x": [[0, 1]], "y": [1]}', /at least 2 points/],
      ['binary.csv', '\u0000\u0001\u0002PNG\u0003', /./],
    ];
    for (const [name, content, re] of cases) {
      await importFile(name, content);
      const text = await messageText();
      expect(text, name).toMatch(re);
      expect(text, name).toContain(name);
      expect(text, name).toMatch(/unchanged/);
      expect(await s.page.locator('[data-testid=message]').getAttribute('role')).toBe('alert');
      await dismiss();
    }
    await waitForIdle(s.page);
    expect(await snapshot()).toEqual(before);
    expect(s.errors).toEqual([]);
  });

  it('absurd grid sizes, depth, γ, ε, δ and ranges: a clear message and nothing lost', async () => {
    const p = s.page;
    const before = await snapshot();
    // From a link (hand-edited URL): every absurd key is refused with its own message.
    await p.evaluate(() => (location.hash = '#v=1&res=100000&depth=1000&gamma=-5&eps=0&delta=7&w1=9,-9&w2=-1e9,1e9'));
    const text = await messageText();
    for (const k of ['resolution', 'Depth', 'γ', 'ε', 'δ', 'w1 range', 'w2 range']) expect(text).toContain(k);
    await dismiss();
    await waitForIdle(p);
    const after = await snapshot();
    expect(after.grid).toEqual(before.grid);
    for (const k of ['res', 'depth', 'gamma', 'eps', 'delta', 'w1Range', 'w2Range']) expect(after.state[k], k).toEqual(before.state[k]);
    // From the controls: the model form refuses an absurd depth and keeps the old one.
    const depthInput = p.locator('[data-testid=model-controls] input[name=depth]');
    if (await depthInput.count()) {
      await depthInput.fill('1000');
      await depthInput.press('Enter');
      await expect.poll(() => p.locator('[data-testid=model-controls]').textContent()).toMatch(/Depth must be/);
      expect((await p.evaluate(() => (window as W).pacscape.state())).depth).toBe(before.state.depth);
      await depthInput.fill(String(before.state.depth));
      await depthInput.press('Enter');
    }
    // From a script: evaluateGrid refuses an absurd resolution with a message, not a crash.
    const err = await p.evaluate(() => (window as W).pacscape.evaluateGrid({ w1: [-1, 1], w2: [-1, 1], res: 1e6 }).then(() => 'resolved', (e: Error) => e.message));
    expect(err).toMatch(/resolution/i);
    expect(s.errors).toEqual([]);
  });

  it('parameters up to |w| = 20 (the limit) give finite numbers everywhere', async () => {
    const t = await openSession();
    try {
      await openApp(t, '#v=1&w1=-20,20&w2=-20,20&res=64&m=20,-20&pins=-20,20;20,20');
      const out = await t.page.evaluate(() => {
        const p = (window as W).pacscape;
        const g = JSON.parse(p.exportText('grid.json'));
        const fields = ['loss', 'psi', 'bound', 'lambdaMax', 'rho', 'thirdNorm', 'grad', 'hessian', 'sigmaStar'];
        const bad = fields.filter((f) => g[f].some((v: number | null) => v === null || !Number.isFinite(v)));
        const pts = JSON.parse(p.exportText('points.json')).points;
        const flat = (o: unknown): number[] => (typeof o === 'number' ? [o] : Array.isArray(o) ? o.flatMap(flat) : o && typeof o === 'object' ? Object.values(o).flatMap(flat) : []);
        const badPts = pts.filter((q: unknown) => flat(q).some((v) => !Number.isFinite(v)));
        const m = p.marker();
        return { bad, badPts: badPts.length, marker: flat(m).every((v) => Number.isFinite(v)) };
      });
      expect(out).toEqual({ bad: [], badPts: 0, marker: true });
      expect(t.errors).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('without WebGL the app works on the wasm/cpu path and says so', async () => {
    const t = await openSession({ args: ['--disable-webgl', '--disable-3d-apis'] });
    try {
      await denyWebGL(t);
      await openApp(t, '#v=1&res=64');
      const p = t.page;
      const backend = await p.evaluate(() => (window as W).pacscape.backend);
      expect(['wasm', 'cpu']).toContain(backend);
      // The grid is there and finite.
      const loss: (number | null)[] = await p.evaluate(() => JSON.parse((window as W).pacscape.exportText('grid.json')).loss);
      expect(loss).toHaveLength(64 * 64);
      expect(loss.every((v) => v !== null && Number.isFinite(v))).toBe(true);
      // The page says so.
      const body = (await p.locator('body').textContent())!;
      expect(body).toMatch(/WebGL/);
      expect(body).toMatch(/wasm|cpu|CPU|WebAssembly/);
      await p.screenshot({ path: '/tmp/pacscape-nowebgl.png' });
      expect(t.errors).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('a lost WebGL context is recovered and the grid recomputed', async () => {
    const t = await openSession();
    try {
      await recordWebGLContexts(t);
      await openApp(t, '#v=1&res=64');
      const p = t.page;
      expect(await p.evaluate(() => (window as W).pacscape.backend)).toBe('webgl');
      const version = () => p.evaluate(() => (window as W).pacscape.gridVersion());
      const finiteGrid = async () => {
        const loss: (number | null)[] = await p.evaluate(() => JSON.parse((window as W).pacscape.exportText('grid.json')).loss);
        return loss.length === 64 * 64 && loss.every((v) => v !== null && Number.isFinite(v) && v > 0);
      };
      // Start-up calibration may have picked the CPU workers over WebGL on this machine.
      const e0 = await p.evaluate(() => (window as W).pacscape.engine);
      const v0 = await version();
      const lost = await p.evaluate(() => {
        const exts = (window as W).__gl.map((g: WebGLRenderingContext) => g.getExtension('WEBGL_lose_context')).filter(Boolean);
        exts.forEach((e: W) => e.loseContext());
        (window as W).__exts = exts;
        return exts.length;
      });
      expect(lost).toBeGreaterThanOrEqual(2); // tfjs's and the scene's
      if (e0 === 'webgl') {
        // Lost: the landscape is recomputed on the CPU engine, by itself, and the page says so.
        await expect.poll(version, { timeout: 60_000 }).toBeGreaterThan(v0);
        await waitForIdle(p);
        expect(await finiteGrid()).toBe(true);
        await expect.poll(() => p.locator('[data-testid=message]').textContent()).toMatch(/GPU context was lost/);
      }
      const v1 = await version();
      // Restored: back on WebGL, recomputed again, and said so.
      await p.evaluate(() => (window as W).__exts.forEach((e: W) => e.restoreContext()));
      await expect.poll(version, { timeout: 60_000 }).toBeGreaterThan(v1);
      await waitForIdle(p);
      expect(await p.evaluate(() => (window as W).pacscape.engine)).toBe('webgl');
      expect(await finiteGrid()).toBe(true);
      await expect.poll(() => p.locator('[data-testid=message]').textContent()).toMatch(/GPU is back/);
      // A later change still computes on the GPU, and the canvas draws again.
      await p.evaluate(() => (location.hash = '#v=1&res=64&field=psi&gamma=0.12'));
      await waitForIdle(p);
      expect(await finiteGrid()).toBe(true);
      const info = await p.evaluate(() => (window as W).pacscape.capture('scene', 1));
      expect(info.width).toBeGreaterThan(100);
      // And its frames reach the screen again (through the async copy on this software GL).
      const shown = await p.evaluate(() => (window as W).pacscape.sceneFrames());
      await p.evaluate(() => (window as W).pacscape.setMarker(1.5, -1));
      await expect.poll(() => p.evaluate(() => (window as W).pacscape.sceneFrames()), { timeout: 10_000 }).toBeGreaterThan(shown);
      const errs = t.errors.filter((e) => !/CONTEXT_LOST|context lost|Context Lost/i.test(e));
      expect(errs).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('60 consecutive recomputes leave tf.memory().numTensors where it started', async () => {
    const p = s.page;
    await p.evaluate(() => (location.hash = '#v=1&res=8'));
    await waitForIdle(p);
    const tensors = () => p.evaluate(() => {
      const m = (window as W).pacscape.memory();
      return typeof m === 'number' ? m : m.numTensors;
    });
    const n0 = await tensors();
    await p.evaluate(async () => {
      const api = (window as W).pacscape;
      // Any tensor a recompute leaves shows after a few: 60 vary γ and ε over 35 combinations.
      for (let i = 0; i < 60; i++) {
        location.hash = `#v=1&res=8&gamma=${(0.1 + (i % 7) * 0.01).toFixed(2)}&eps=${(0.1 + (i % 5) * 0.01).toFixed(2)}`;
        await new Promise((r) => setTimeout(r, 0));
        await api.idle();
      }
    });
    await waitForIdle(p);
    const n1 = await tensors();
    expect(n1).toBe(n0);
    expect(s.errors).toEqual([]);
  });

  it('a scripted session makes no console error and no request outside the origin', async () => {
    const t = await openSession();
    try {
      await openApp(t);
      const p = t.page;
      await p.keyboard.press('s');
      for (let i = 0; i < 6; i++) await p.keyboard.press('PageDown');
      await p.keyboard.press('Escape');
      await p.keyboard.press('?');
      await p.keyboard.press('Escape');
      await p.keyboard.press('t');
      await p.keyboard.press('ArrowLeft');
      await p.evaluate(() => (window as W).pacscape.capture('scene', 2));
      await p.evaluate(() => (window as W).pacscape.exportText('grid.csv').length);
      await p.evaluate(() => (window as W).pacscape.importText('x1,x2,y\n0,0,0\n1,1,1\n2,0,1\n0,2,0', 'tiny.csv'));
      await waitForIdle(p);
      await p.evaluate(() => (location.hash = '#v=1'));
      await waitForIdle(p);
      expect(t.errors).toEqual([]);
      expect(t.foreignRequests).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('works from any static file server, under any sub-path', async () => {
    const root = 'dist';
    const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png' };
    // A plain server that knows nothing of vite: files under /some/deep/path/ only.
    const server: Server = createServer((req, res) => {
      const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
      const prefix = '/some/deep/path/';
      if (!url.startsWith(prefix)) return void res.writeHead(404).end();
      let f = normalize(join(root, url.slice(prefix.length)));
      if (!f.startsWith(root)) return void res.writeHead(403).end();
      if (existsSync(f) && statSync(f).isDirectory()) f = join(f, 'index.html');
      if (!existsSync(f)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': types[extname(f)] ?? 'application/octet-stream' });
      res.end(readFileSync(f));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const t = await openSession();
    const failed: string[] = [];
    t.page.on('response', (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    try {
      await t.page.goto(`http://127.0.0.1:${port}/some/deep/path/#v=1&res=64&field=psi`);
      await waitForIdle(t.page);
      expect(await t.page.evaluate(() => (window as W).pacscape.state().field)).toBe('psi');
      const loss: (number | null)[] = await t.page.evaluate(() => JSON.parse((window as W).pacscape.exportText('grid.json')).loss);
      expect(loss.every((v) => v !== null && Number.isFinite(v))).toBe(true);
      expect(failed).toEqual([]);
      expect(t.errors).toEqual([]);
    } finally {
      await t.close();
      await new Promise((r) => server.close(r));
    }
  });
});

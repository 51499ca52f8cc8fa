/**
 * The Chinese interface in rare states: with `lang=zh-CN`, a refused link value, a malformed CSV
 * or JSON file, a refused action, a refused grid size and a lost/restored GPU context each show
 * their message in Chinese, and the message still names the value (the number, the line and
 * column, the refused text).
 *
 * "In Chinese" here: the message has Chinese characters and no run of two or more Latin words
 * (src/i18n/untranslated.ts: symbols such as Ψ, γ, σ*, w₁, numbers, units, link keys and single
 * code names pass), so an English sentence or clause left in it fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, openSession, waitForIdle, recordWebGLContexts, type Session } from './harness';
import { latinRuns } from '../../src/i18n/untranslated';

type W = any;
const SHOTS = process.env.PACSCAPE_SHOTS ?? '/tmp';

/** A message as the page shows it, checked to be Chinese and to name each of `values`. */
function expectChinese(text: string | null, values: string[]): void {
  expect(text, 'no message shown').toBeTruthy();
  expect(latinRuns(text!), text!).toEqual([]);
  expect(/[\u4e00-\u9fff]/.test(text!), text!).toBe(true);
  for (const v of values) expect(text, `names ${v}`).toContain(v);
}

let s: Session;
const banner = () => s.page.locator('[data-testid=message] .message-text');
const bannerText = () => banner().textContent({ timeout: 10_000 });
const dismiss = async () => {
  const b = s.page.locator('[data-testid=message] button');
  if (await b.count()) await b.first().click();
  await s.page.waitForSelector('[data-testid=message]', { state: 'detached' });
};

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  s = await openSession({ width: 1280, height: 720 });
  await openApp(s, '#v=1&data=paper-toy&lang=zh-CN&depth=9&pf=loss&res=4000&w1=5,4&zoom=2');
});
afterAll(async () => {
  await s?.close();
});

describe('Chinese messages of rare states', () => {
  it('a link with refused values: each refusal in Chinese, naming the key and the value', async () => {
    expect(await s.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const text = await bannerText();
    await s.page.screenshot({ path: join(SHOTS, 'zh-link-error-1280.png') });
    expectChinese(text, ['"depth"', '9', '"pf"', '"loss"', '"res"', '4000', '8 到 512', '"w1"', '[5, 4]', '"zoom"']);
    // The refused values were not applied.
    const st = await s.page.evaluate(() => (window as W).pacscape.state());
    expect(st.depth).not.toBe(9);
    expect(st.res).toBeLessThanOrEqual(512);
    await dismiss();
  });

  it('malformed data files: the line, the column and the value, in Chinese', async () => {
    const files: [string, string, string[]][] = [
      ['bad.csv', 'x1,x2,y\n0,1,0\nNaN,2,1\n3,4,0', ['bad.csv', '第 3 行第 1 列', '(x1)', '"NaN"', '3 个数据行中有 1 行']],
      ['labels.csv', 'x1,x2,y\n0,1,0\n1,2,2\n3,4,1\n5,6', ['labels.csv', '第 3 行第 3 列', '"2"', '第 5 行有 2 列', '4 个数据行中有 2 行']],
      ['broken.json', '{"x": [[0, 1], [1, 0]] "y": [0, 1]}', ['broken.json', '第 1 行第 24 列']],
      ['short.json', '{"x": [[0, 1]], "y": [1]}', ['short.json', '至少需要 2 个点', '1 个']],
    ];
    for (const [name, content, values] of files) {
      await s.page.locator('.export-panel input[type=file]').setInputFiles({ name, mimeType: name.endsWith('.json') ? 'application/json' : 'text/csv', buffer: Buffer.from(content) });
      await expect.poll(bannerText).toContain(name);
      const text = await bannerText();
      if (name === 'bad.csv') await s.page.screenshot({ path: join(SHOTS, 'zh-csv-error-1280.png') });
      expectChinese(text, values);
      await dismiss();
    }
  });

  it('a refused action (a fifth pin) and a refused experiment design in the link, in Chinese', async () => {
    await s.page.evaluate(() => {
      const p = (window as W).pacscape;
      for (const w of [[0.5, 0.5], [1, 1], [1.5, 1.5], [2, 2]]) p.pin(w[0], w[1]);
      p.setMarker(-1, -1);
    });
    await s.page.locator('body').press('p');
    await expect.poll(bannerText).toContain('4');
    expectChinese(await bannerText(), ['4']);
    await dismiss();
    await s.page.evaluate(() => (location.hash = location.hash + '&xp=gd,1,16'));
    await expect.poll(bannerText).toContain('"xp"');
    expectChinese(await bannerText(), ['"xp"', '10', '12']);
    await dismiss();
  });

  it('a refused grid size in the view controls: in Chinese, naming the value and the range', async () => {
    const res = s.page.locator('[data-testid=grid-res]');
    await res.fill('4000');
    await s.page.locator('[data-testid=grid-apply]').click();
    const err = s.page.locator('[data-testid=grid-error]');
    await err.waitFor();
    expectChinese(await err.textContent(), ['4000', '8 到 512']);
    await s.page.locator('[data-testid=grid-w1lo]').fill('30');
    await s.page.locator('[data-testid=grid-apply]').click();
    await expect.poll(() => err.textContent()).toContain('20');
    expectChinese(await err.textContent(), ['±20']);
    expect(s.errors).toEqual([]);
  });

  it('a lost and a restored GPU context: the notices in Chinese', async () => {
    const t = await openSession();
    try {
      await recordWebGLContexts(t);
      // Every message the banner shows, kept (a notice leaves by itself after a while).
      await t.context.addInitScript(() => {
        (window as W).__shown = [];
        new MutationObserver(() => {
          for (const el of document.querySelectorAll('[data-testid=message] .message-text')) {
            const x = el.textContent ?? '';
            if (x && !(window as W).__shown.includes(x)) (window as W).__shown.push(x);
          }
        }).observe(document, { subtree: true, childList: true, characterData: true });
      });
      await openApp(t, '#v=1&res=64&lang=zh-CN');
      const p = t.page;
      const shown = (part: string) => p.evaluate((q) => ((window as W).__shown as string[]).find((x) => x.includes(q)) ?? '', part);
      const version = () => p.evaluate(() => (window as W).pacscape.gridVersion());
      const e0 = await p.evaluate(() => (window as W).pacscape.engine);
      const v0 = await version();
      await p.evaluate(() => {
        const exts = (window as W).__gl.map((g: WebGLRenderingContext) => g.getExtension('WEBGL_lose_context')).filter(Boolean);
        exts.forEach((e: W) => e.loseContext());
        (window as W).__exts = exts;
      });
      if (e0 === 'webgl') {
        await expect.poll(version, { timeout: 60_000 }).toBeGreaterThan(v0);
        await waitForIdle(p);
        await expect.poll(() => shown('GPU'), { timeout: 60_000 }).toContain('GPU 上下文丢失');
        expectChinese(await shown('GPU 上下文'), ['GPU', 'CPU']);
        await p.screenshot({ path: join(SHOTS, 'zh-context-lost-1280.png') });
      }
      const v1 = await version();
      await p.evaluate(() => (window as W).__exts.forEach((e: W) => e.restoreContext()));
      await expect.poll(version, { timeout: 60_000 }).toBeGreaterThan(v1);
      await waitForIdle(p);
      // The page tells of the loss and the return only when the landscape was on the GPU (start-up
      // calibration may have picked the CPU workers on a loaded machine; then nothing was lost).
      if (e0 === 'webgl') {
        await expect.poll(() => shown('GPU 已'), { timeout: 60_000 }).toContain('GPU 已恢复');
        expectChinese(await shown('GPU 已'), ['GPU']);
        expect(await shown('GPU 已')).not.toMatch(/webgl/);
      }
      // Whatever was shown is Chinese.
      for (const m of (await p.evaluate(() => (window as W).__shown)) as string[]) expectChinese(m, []);
      expect(t.errors.filter((e) => !/CONTEXT_LOST|context lost|Context Lost/i.test(e))).toEqual([]);
    } finally {
      await t.close();
    }
  });
});

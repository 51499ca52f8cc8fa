/**
 * The Chinese interface: with `lang=zh-CN` in the link (or a Chinese browser) every visible text
 * of the page is in the zh-CN catalogue — no text node, title, aria-label, alt or placeholder
 * shows an English catalogue string, a run of two Latin words or a single English word
 * (src/i18n/untranslated.ts allows symbols, acronyms, numbers, units and a few names) — in the
 * header, the side panels, the inspector, the help, every story step, the about panel, the
 * decision view and the Experiments drawer; the switch changes the language and the link keeps it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, openSession, waitForIdle, appUrl, type Session } from './harness';
import { EN } from '../../src/i18n/en';
import { ZH_CN } from '../../src/i18n/zh-CN';
import { latinRuns, latinWords } from '../../src/i18n/untranslated';

type W = any;
const SHOTS = process.env.PACSCAPE_SHOTS ?? '/tmp';

/** English catalogue strings whose Chinese differs (a visible one is an untranslated string). */
const ENGLISH_ONLY = new Set(Object.keys(EN).filter((k) => !k.includes('{{') && ZH_CN[k as keyof typeof EN] !== k && /[A-Za-z]{2}/.test(k)));

/**
 * The visible texts of the page (or of `root`): text nodes whose element is rendered (not
 * display:none, visibility:hidden or inside a closed <details>), and the chosen option of each
 * select, and the title, aria-label, alt and placeholder of each rendered element. Key caps
 * (<kbd>), code (<code>), text marked translate="no" and text in another language (lang="en")
 * are left out: they are the same in every language.
 */
async function visibleTexts(s: Session, root = 'body'): Promise<string[]> {
  return s.page.evaluate((sel) => {
    const out: string[] = [];
    // Text marked as the same in every language (translate="no": the logo, a data set's name) or
    // as another language's (lang="en": the language switch names English in English).
    const otherLang = (el: Element) => !(el.closest('[lang]')?.getAttribute('lang') ?? 'zh').startsWith('zh');
    const base = document.querySelector(sel);
    if (!base) return out;
    const walker = document.createTreeWalker(base, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      if (!text) continue;
      const el = n.parentElement;
      if (!el || el.closest('kbd, code, script, style, noscript, option, [hidden], [translate="no"]') || otherLang(el)) continue;
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      if (el.getClientRects().length === 0) continue;
      out.push(text);
    }
    for (const s of base.querySelectorAll('select')) {
      const o = (s as HTMLSelectElement).selectedOptions[0];
      if (o && (s as HTMLElement).checkVisibility()) out.push(o.text.trim());
    }
    // What a pointer's hover (title) or a screen reader (aria-label, alt, placeholder) says of a
    // rendered element: the words of the interface too.
    for (const el of [base, ...base.querySelectorAll('[title], [aria-label], [alt], [placeholder], [aria-description]')]) {
      if (el.closest('[hidden]') || otherLang(el) || !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }) || el.getClientRects().length === 0) continue;
      for (const a of ['title', 'aria-label', 'alt', 'placeholder', 'aria-description']) {
        const v = el.getAttribute(a)?.trim();
        if (v) out.push(v);
      }
    }
    return out;
  }, root);
}

/** What of these texts is English: catalogue strings shown untranslated, or Latin phrases. */
function english(texts: string[]): string[] {
  const bad = new Set<string>();
  for (const t of texts) {
    if (ENGLISH_ONLY.has(t)) bad.add(t);
    for (const r of latinRuns(t)) bad.add(`${r}  ⟵  ${t.slice(0, 90)}`);
    for (const w of latinWords(t)) bad.add(`${w}  ⟵  ${t.slice(0, 90)}`);
  }
  return [...bad];
}

/** Opens every <details> in `root` so its content is checked too. */
const openDetails = (s: Session, root = 'body') => s.page.evaluate((sel) => document.querySelectorAll(`${sel} details`).forEach((d) => ((d as HTMLDetailsElement).open = true)), root);

/** The regions checked: the whole page. */
const CHECKED = ['body'];

let s: Session;
beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  s = await openSession({ width: 1280, height: 720 });
  await openApp(s, '#v=1&data=paper-toy&lang=zh-CN');
});
afterAll(async () => {
  await s?.close();
});

describe('Chinese interface', () => {
  it('opens in Chinese from the link: <html lang>, the switch, and no English anywhere on the page (panels, inspector, stage, about, decision view)', async () => {
    expect(await s.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await s.page.waitForSelector('[data-testid="inspector"] .ins-grid');
    expect(await s.page.locator('[data-testid="lang-switch"] [data-lang="zh-CN"]').getAttribute('aria-pressed')).toBe('true');
    await s.page.screenshot({ path: join(SHOTS, 'zh-default-1280.png') });
    await openDetails(s, '.panel-left');
    await openDetails(s, '.panel-right');
    const texts: string[] = [];
    for (const root of CHECKED) texts.push(...(await visibleTexts(s, root)));
    expect(texts.length).toBeGreaterThan(80);
    expect(texts).toContain('检查器');
    expect(english(texts)).toEqual([]);
  });

  it('the scan finds one English word injected as text, as a title, as an aria-label or as a placeholder', async () => {
    const found = async () => english(await visibleTexts(s, '#i18n-probe'));
    const probe = (html: string) => s.page.evaluate((h) => {
      document.getElementById('i18n-probe')?.remove();
      const d = document.createElement('div');
      d.id = 'i18n-probe';
      d.style.cssText = 'position:fixed;left:0;top:0;z-index:99';
      d.innerHTML = h;
      document.body.append(d);
    }, html);
    try {
      await probe('<span>隐藏 w₁ 与 λmax（PAC-Bayes，CSV，0.5 ms）</span><button title="重置" aria-label="重置">⟲</button><input placeholder="数值">');
      expect(await found()).toEqual([]);
      for (const html of ['<span>segment</span>', '<button title="Reset">⟲</button>', '<button aria-label="hide">×</button>', '<input placeholder="value">', '<span>训练 test 损失</span>']) {
        await probe(html);
        expect((await found()).length, html).toBeGreaterThan(0);
      }
    } finally {
      await s.page.evaluate(() => document.getElementById('i18n-probe')?.remove());
    }
  });

  it('with pins: the pin table, the cuts, the decision view comparison and the stale-pin notice in Chinese', async () => {
    await s.page.locator('[data-testid="pin-table"] button', { hasText: '固定极小值' }).click();
    await s.page.waitForFunction(() => (window as W).pacscape.state().pins.length >= 2);
    await s.page.waitForSelector('[data-testid="pin-table"] table');
    await openDetails(s, '.panel-right');
    expect(english(await visibleTexts(s))).toEqual([]);
    // One-word labels escape the Latin-phrase scan: the cut chart's fold buttons and curve toggles.
    await s.page.waitForSelector('[data-testid="cut-panel"] form label');
    expect(await s.page.locator('[data-testid="cut-panel"] .cut-fold').innerText()).toBe('收起');
    const toggles = await s.page.locator('[data-testid="cut-panel"] form label').allInnerTexts();
    expect(toggles.map((x) => x.trim())).toEqual(expect.arrayContaining(['线段', '测试']));
  });

  it('the Experiments drawer in Chinese', async () => {
    await s.page.locator('.header-actions button', { hasText: '实验' }).click();
    await s.page.waitForSelector('[data-testid="experiments"]');
    await s.page.screenshot({ path: join(SHOTS, 'zh-experiments-1280.png') });
    const texts = await visibleTexts(s, '[data-testid="experiments"]');
    expect(texts.length).toBeGreaterThan(10);
    expect(english(texts)).toEqual([]);
    // And its results: the configurations' names (an lr sweep), the tables and the charts.
    const design = { method: 'gd', lr: 0.1, batch: 100, steps: 30, repeats: 4, seed: 1, starts: 'random', resample: false, testN: 2000, sweep: { param: 'lr', values: [0.1, 0.5] } };
    expect(((await s.page.evaluate((d) => (window as W).pacscape.experiment(d), design)) as unknown[]).length).toBe(8);
    await expect.poll(async () => (await visibleTexts(s, '[data-testid="experiments"]')).some((x) => x.includes('学习率 0.5'))).toBe(true);
    const after = await visibleTexts(s, '[data-testid="experiments"]');
    expect(after.filter((x) => /\blr 0\.5\b/.test(x))).toEqual([]);
    expect(english(after)).toEqual([]);
    await s.page.screenshot({ path: join(SHOTS, 'zh-experiments-results-1280.png') });
    await s.page.keyboard.press('Escape');
    await s.page.waitForSelector('[data-testid="experiments"]', { state: 'detached' });
  });

  it('help overlay in Chinese', async () => {
    await s.page.locator('.help-button').click();
    await s.page.waitForSelector('[data-testid="help"]');
    await s.page.screenshot({ path: join(SHOTS, 'zh-help-1280.png') });
    const texts = await visibleTexts(s, '[data-testid="help"]');
    expect(texts).toContain('键盘快捷键、鼠标和触控');
    expect(english(texts)).toEqual([]);
    await s.page.keyboard.press('Escape');
    await s.page.waitForSelector('[data-testid="help"]', { state: 'detached' });
  });

  it('every story step in Chinese, with its numbers', async () => {
    for (let n = 1; n <= 7; n++) {
      await s.page.evaluate((k) => (window as W).pacscape.story(k), n);
      await s.page.waitForFunction((k) => document.querySelector('.story-count')?.textContent?.includes(`第 ${k} 步`), n);
      await openDetails(s, '.story');
      if (n === 2 || n === 7) await s.page.screenshot({ path: join(SHOTS, `zh-story${n}-1280.png`) });
      const texts = await visibleTexts(s, '.story');
      expect(english(texts), `step ${n}`).toEqual([]);
      // The numbers are the English story's numbers: the same text with the words translated.
      const zh: string = await s.page.evaluate((k) => (window as W).pacscape.storyText(k), n);
      const nums = (t: string) => (t.match(/[−-]?\d+(?:\.\d+)?(?:e[−-]?\d+)?%?/g) ?? []).sort();
      const en: string = await s.page.evaluate(async (k) => {
        const p = (window as W).pacscape;
        return p.storyTextIn(k, 'en');
      }, n);
      expect(nums(zh), `step ${n}`).toEqual(nums(en));
    }
    await s.page.evaluate(() => (window as W).pacscape.story(null));
  });

  it('the switch changes the language and the link keeps it; a Chinese browser gets Chinese without the key', async () => {
    await s.page.locator('[data-testid="lang-switch"] [data-lang="en"]').click();
    await s.page.waitForFunction(() => document.documentElement.lang === 'en');
    await s.page.waitForFunction(() => !location.hash.includes('lang='));
    expect(await s.page.locator('.header-actions').innerText()).toContain('Story');
    await s.page.locator('[data-testid="lang-switch"] [data-lang="zh-CN"]').click();
    await s.page.waitForFunction(() => document.documentElement.lang === 'zh-CN' && location.hash.includes('lang=zh-CN'));
    expect(await s.page.locator('.header-actions').innerText()).toContain('导览');
    expect(await s.page.evaluate(() => (window as W).pacscape.link())).toContain('lang=zh-CN');

    const ctx = await s.browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 720 } });
    try {
      const page = await ctx.newPage();
      const errors: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())));
      await page.goto(appUrl('#v=1&data=paper-toy'));
      await waitForIdle(page);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
      expect(await page.locator('.header-actions').innerText()).toContain('导览');
      // The browser's choice is written into the link, so the link opens in Chinese anywhere.
      await page.waitForFunction(() => location.hash.includes('lang=zh-CN'));
      // Choosing English in a Chinese browser is kept in the link too.
      await page.locator('[data-testid="lang-switch"] [data-lang="en"]').click();
      await page.waitForFunction(() => location.hash.includes('lang=en'));
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
    expect(s.errors).toEqual([]);
  });

  it('phone layout in Chinese', async () => {
    const p = await openSession({ width: 390, height: 844, isMobile: true, hasTouch: true });
    try {
      await openApp(p, '#v=1&data=paper-toy&lang=zh-CN');
      await p.page.screenshot({ path: join(SHOTS, 'zh-default-390.png') });
      await p.page.evaluate(() => (window as W).pacscape.story(2));
      await p.page.waitForSelector('.story');
      await p.page.screenshot({ path: join(SHOTS, 'zh-story2-390.png') });
      await p.page.evaluate(() => (window as W).pacscape.story(null));
      await p.page.locator('.help-button').click();
      await p.page.waitForSelector('[data-testid="help"]');
      await p.page.screenshot({ path: join(SHOTS, 'zh-help-390.png') });
      expect(english(await visibleTexts(p))).toEqual([]);
      expect(p.errors).toEqual([]);
    } finally {
      await p.close();
    }
  });
});

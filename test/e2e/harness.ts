/**
 * Shared browser-test harness: Debian's Chromium driven by playwright-core, headless with the
 * flags this machine needs (WebGL2 then runs on SwiftShader). Every page collects console errors
 * and uncaught exceptions; `expectNoErrors()` fails a test that produced any.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

export interface Session {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
  /** Requests to other origins than the app's. */
  foreignRequests: string[];
  close: () => Promise<void>;
}

/**
 * The paper-toy view (data, γ = ε = 0.1, window and marker of link format 1): what the app opened
 * by default before the presets; tests that assume its numbers open it explicitly.
 */
export const PAPER_TOY_LINK = '#v=1&data=paper-toy';

/** The app's base URL (set by globalSetup). */
export function appUrl(hash = ''): string {
  const base = process.env.PACSCAPE_URL;
  if (!base) throw new Error('PACSCAPE_URL is not set (globalSetup did not run)');
  return base + (hash ? (hash.startsWith('#') ? hash : '#' + hash) : '');
}

/** Launches Chromium with a fresh profile and opens one page of the given size. */
export async function openSession(opts: { width?: number; height?: number; args?: string[]; deviceScaleFactor?: number; hasTouch?: boolean; isMobile?: boolean } = {}): Promise<Session> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'pacscape-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // playwright refuses --user-data-dir with launch(); it gives each browser a fresh temp profile.
    args: [...CHROMIUM_ARGS, ...(opts.args ?? [])],
  });
  const context = await browser.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 720 },
    deviceScaleFactor: opts.deviceScaleFactor ?? 1,
    hasTouch: opts.hasTouch,
    isMobile: opts.isMobile,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const base = process.env.PACSCAPE_URL ?? '';
    const u = r.url();
    if (!u.startsWith(new URL(base).origin) && !u.startsWith('data:') && !u.startsWith('blob:')) foreignRequests.push(u);
  });
  return {
    browser,
    context,
    page,
    errors,
    foreignRequests,
    close: async () => {
      await browser.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the app and waits until `window.pacscape` exists and the first full-resolution grid is in
 * (the store reports not computing and a grid of the requested resolution).
 */
export async function openApp(session: Session, hash = '', timeoutMs = 120_000): Promise<void> {
  await session.page.goto(appUrl(hash));
  await waitForIdle(session.page, timeoutMs);
}

/** Waits until the page's landscape job queue is idle (`window.pacscape.idle()` resolves). */
export async function waitForIdle(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.waitForFunction(() => typeof window.pacscape?.idle === 'function', undefined, { timeout: timeoutMs });
  await page.evaluate(() => window.pacscape.idle());
}

/** Frames of the 3-D view put on screen so far (`window.pacscape.sceneFrames()`). */
export function shownFrames(page: Page): Promise<number> {
  return page.evaluate(() => window.pacscape.sceneFrames() as number);
}

/**
 * Waits until the 3-D view has put a frame on screen after the first `since` (read with
 * `shownFrames` before the action that asks for a new frame), then for two animation frames so the
 * compositor has shown it: poll the page, never sleep.
 */
export async function waitForShownFrame(page: Page, since: number, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction((n) => window.pacscape.sceneFrames() > n, since, { timeout: timeoutMs, polling: 20 });
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/**
 * Records every WebGL context the page creates in `window.__gl` (tfjs draws on an OffscreenCanvas,
 * the scene on a canvas element), so a test can lose them with `WEBGL_lose_context`. Call before
 * the page opens the app.
 */
export async function recordWebGLContexts(s: Pick<Session, 'context'>): Promise<void> {
  await s.context.addInitScript(() => {
    const w = window as unknown as { __gl: unknown[]; OffscreenCanvas?: { prototype: { getContext: (...a: unknown[]) => unknown } } };
    w.__gl = [];
    for (const proto of [HTMLCanvasElement.prototype, w.OffscreenCanvas?.prototype].filter(Boolean) as { getContext: (...a: unknown[]) => unknown }[]) {
      const orig = proto.getContext;
      proto.getContext = function (this: unknown, type: unknown, ...rest: unknown[]) {
        const ctx = orig.call(this, type, ...rest);
        if (ctx && /webgl/.test(String(type)) && !w.__gl.includes(ctx)) w.__gl.push(ctx);
        return ctx;
      };
    }
  });
}

/**
 * Takes WebGL away in the page (headless Chromium with SwiftShader may hand it out even with
 * `--disable-webgl`): every `getContext('webgl…')` of a canvas or OffscreenCanvas returns null.
 * Call before the page opens the app.
 */
export async function denyWebGL(s: Pick<Session, 'context'>): Promise<void> {
  await s.context.addInitScript(() => {
    const w = window as unknown as { OffscreenCanvas?: { prototype: { getContext: (...a: unknown[]) => unknown } } };
    for (const proto of [HTMLCanvasElement.prototype, w.OffscreenCanvas?.prototype].filter(Boolean) as { getContext: (...a: unknown[]) => unknown }[]) {
      const orig = proto.getContext;
      proto.getContext = function (this: unknown, type: unknown, ...rest: unknown[]) {
        return /webgl/i.test(String(type)) ? null : orig.call(this, type, ...rest);
      };
    }
  });
}

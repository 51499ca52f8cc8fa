/**
 * PNG export of a view: the 3-D frame with the stage's DOM overlays composited on it, or a 2-D
 * panel as it is on screen. Loaded on first use, not with the first view (Classroom imports this
 * module dynamically, and modern-screenshot comes with it); the data exports stay in app/export.ts.
 *
 * The DOM is drawn by modern-screenshot (clones the subtree with its computed styles into an SVG
 * foreignObject and rasterises it, so CSS gradients, pseudo-elements, transforms, SVG and wrapped
 * text come out as the browser lays them out). Chosen over html-to-image, its ancestor: it is
 * released several times a year (html-to-image had no release since early 2025), has the same
 * API and size class (this lazy chunk is ≈ 10 kB gzip with it), and copies pseudo-elements and
 * canvases, which our colour bars and panels use. It needs nothing the page's
 * Content-Security-Policy refuses: styles through the CSSOM, a srcdoc sandbox iframe of the same
 * origin for default styles, data:/blob: images. Only the WebGL frame is composited by hand: it
 * is rendered fresh at the export scale by the scene's registered capture and the overlays are
 * laid over it.
 */
import { tr } from '../core/words';
import { domToCanvas } from 'modern-screenshot';
import { useStore } from '../state/store';
import { getCapture } from '../state/capture';
import { imagePanels } from './pngTargets';
import { downloadBlob, exportName } from './export';
import { t, txm } from '../i18n';

const canvasToBlob = (c: HTMLCanvasElement) =>
  new Promise<Blob>((resolve, reject) => c.toBlob((b) => (b ? resolve(b) : reject(new Error(tr('the image could not be encoded')))), 'image/png'));

/** Copies a 2-D canvas into a new canvas `scale` × its CSS size (the panel drew at its own DPR). */
function scaledCopy(src: HTMLCanvasElement, scale: number): HTMLCanvasElement {
  const r = src.getBoundingClientRect();
  const w = Math.max(1, Math.round((r.width || src.width) * scale));
  const h = Math.max(1, Math.round((r.height || src.height) * scale));
  if (w === src.width && h === src.height) return src;
  const out = document.createElement('canvas');
  out.width = w;
  out.height = h;
  const ctx = out.getContext('2d')!;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(src, 0, 0, w, h);
  return out;
}

/** First non-transparent background colour up the tree (the panel's look in the export). */
function backgroundOf(el: Element | null): string {
  for (; el; el = el.parentElement) {
    const c = getComputedStyle(el).backgroundColor;
    if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) return c;
  }
  return '#ffffff';
}

/** A modern-screenshot filter leaving out the elements `skip` matches (text nodes stay). */
const without = (skip: (el: Element) => boolean) => (n: Node) => !(n instanceof Element) || !skip(n);

/** The page has no web fonts (system stacks only): nothing to fetch and embed. */
const SHOT = { font: false, timeout: 10_000 } as const;

/** Interactive controls (and the labels that wrap them) stay out of a panel's picture: it shows the chart, its title and legend. */
const PANEL_SKIP = 'button, input, select, textarea, label:has(input, select, textarea), [role="toolbar"], .visually-hidden';

/** Composes a panel as it is on screen (title, legend, canvases, charts), `scale` × CSS size, controls left out. */
async function composePanel(sec: HTMLElement, scale: number): Promise<HTMLCanvasElement> {
  if (!sec.querySelector('canvas, svg')) throw new Error(tr('the panel has no image'));
  return domToCanvas(sec, { ...SHOT, scale, backgroundColor: backgroundOf(sec), filter: without((el) => el.matches(PANEL_SKIP)) });
}

/** Stage overlays that are not part of the picture: the progress box and the interaction hint. */
const STAGE_SKIP = '.landscape-progress, .lg-hint, .visually-hidden, .landscape-present';

/**
 * The 3-D view as the user sees it: the WebGL frame (rendered fresh at `scale`) with the stage's
 * HTML overlays — axis tick labels, minima tags, marker readout, legend and colour bars — drawn
 * on top at their on-screen places.
 */
async function composeStage(gl: HTMLCanvasElement): Promise<HTMLCanvasElement> {
  const glEl = document.querySelector<HTMLCanvasElement>('.landscape canvas');
  const stage = glEl?.closest<HTMLElement>('.landscape');
  if (!glEl || !stage) return gl;
  const origin = glEl.getBoundingClientRect();
  const box = stage.getBoundingClientRect();
  const out = document.createElement('canvas');
  out.width = gl.width;
  out.height = gl.height;
  const ctx = out.getContext('2d')!;
  ctx.fillStyle = backgroundOf(stage);
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.drawImage(gl, 0, 0, out.width, out.height);
  // The frame may round differently from origin × scale; map the CSS box onto the frame exactly.
  const s = out.width / Math.max(1, origin.width);
  // The overlays on a transparent ground (the stage's own background is under the frame already).
  const overlays = await domToCanvas(stage, {
    ...SHOT,
    scale: s,
    backgroundColor: null,
    style: { background: 'none' },
    filter: without((el) => el === glEl || el.matches(STAGE_SKIP)),
  });
  ctx.drawImage(overlays, (box.left - origin.left) * s, (box.top - origin.top) * s, box.width * s, box.height * s);
  return out;
}

export interface CaptureOptions {
  /** Paint the HTML overlays (labels, colour bars, readout, titles) over the image; default true. */
  overlays?: boolean;
}

/**
 * Renders a view to a PNG blob at `scale` × its CSS size. The scene's registered capture renders a
 * fresh frame; without it the WebGL canvas is read right after a frame, which the scene's
 * `preserveDrawingBuffer` must allow.
 */
export async function capturePng(id: string, scale: 1 | 2 = 1, opts: CaptureOptions = {}): Promise<Blob> {
  const overlays = opts.overlays !== false;
  const reg = getCapture(id);
  if (reg) {
    const r = await reg.capture(scale);
    if (r instanceof Blob) return r;
    return canvasToBlob(id === 'scene' && overlays ? await composeStage(r) : r);
  }
  const panel = id.startsWith('panel:') ? imagePanels().get(id) : undefined;
  if (panel) return canvasToBlob(await composePanel(panel, scale));
  const el = id === 'scene' ? document.querySelector<HTMLElement>('.stage canvas, [data-export="scene"]') : document.querySelector<HTMLElement>(`[data-export="${CSS.escape(id)}"]`);
  if (!el) throw new Error(tr('there is no "{{value}}" view on the page', { value: id }));
  const target = el instanceof HTMLCanvasElement || el instanceof SVGSVGElement ? el : (el.querySelector('canvas, svg') as HTMLCanvasElement | SVGSVGElement | null);
  if (!target) throw new Error(tr('the "{{value}}" view has no image to save', { value: id }));
  if (target instanceof SVGSVGElement) return canvasToBlob(await domToCanvas(target, { ...SHOT, scale, backgroundColor: backgroundOf(target) }));
  return canvasToBlob(scaledCopy(target, scale));
}

/** Saves a view as PNG. */
export async function exportPng(id: string, scale: 1 | 2 = 1): Promise<void> {
  const blob = await capturePng(id, scale);
  downloadBlob(blob, exportName(`${id}${scale === 2 ? '@2x' : ''}`, 'png'));
}

/** Saves a PNG; a failure becomes a message. */
export function exportPngSafe(id: string, scale: 1 | 2): Promise<void> {
  return exportPng(id, scale).catch((e: unknown) => useStore.getState().notify({ kind: 'error', text: t('Could not save the image: {{error}}.', { error: txm((e as Error).message) }) }));
}


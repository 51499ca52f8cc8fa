/**
 * The views that can be saved as PNG (the export menu lists them while the page runs). Small and
 * loaded at start-up; the export itself (app/exportPng.ts with modern-screenshot) loads on first use.
 */
import { listCaptures } from '../state/capture';
import { msg } from '../i18n';

/** Panels (sections with an accessible name) that hold a 2-D canvas or chart. */
export function imagePanels(): Map<string, HTMLElement> {
  const out = new Map<string, HTMLElement>();
  if (typeof document === 'undefined') return out;
  for (const sec of document.querySelectorAll<HTMLElement>('.panel-left section[aria-label], .panel-right section[aria-label], .stage section[aria-label]')) {
    const imgs = [...sec.querySelectorAll<HTMLElement>('canvas, svg')].filter((e) => e.getBoundingClientRect().width >= 40);
    if (imgs.length) out.set(`panel:${sec.getAttribute('aria-label')}`, sec);
  }
  return out;
}

/** The views that can be saved as PNG: registered captures, `[data-export]` elements, 2-D panels. */
export function pngTargets(): { id: string; label: string }[] {
  const out = new Map<string, string>();
  out.set('scene', msg('3-D landscape'));
  for (const c of listCaptures()) out.set(c.id, c.label);
  if (typeof document !== 'undefined') for (const el of document.querySelectorAll<HTMLElement>('[data-export]')) out.set(el.dataset.export!, el.dataset.exportLabel ?? el.dataset.export!);
  for (const id of imagePanels().keys()) out.set(id, id.slice('panel:'.length));
  return [...out].map(([id, label]) => ({ id, label }));
}


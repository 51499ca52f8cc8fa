/**
 * Draws what a piece of the page shows (the stage's HTML overlays, a 2-D panel's title, legend and
 * charts) onto a 2-D canvas, so exported PNGs are a faithful picture of the screen.
 *
 * Not a general HTML renderer: it paints what our overlays and panels use — background colours
 * (rounded), borders, the colour bars' ramps (from core/colormap), `::before` tick marks, canvases,
 * inline SVG (with its computed styles inlined) and text, each at its on-screen box
 * (getBoundingClientRect / Range.getClientRects, so projected labels land where the user sees
 * them), with font, colour, opacity, letter spacing, text-transform and a simple text-shadow taken
 * from the computed style. Everything is drawn in CSS pixels under a `scale` transform, so 2×
 * exports get sharp text rather than an upscaled bitmap.
 */
import { colormapCss, type ColormapId, type LutId } from '../core/colormap';

export interface RasterOptions {
  /** The page rectangle that becomes (0, 0)–(width, height) of the canvas, in CSS px. */
  origin: DOMRect;
  scale: number;
  /** Elements (and their subtrees) not to paint. */
  skip?: (el: Element) => boolean;
  /** Leave out the root's own background and border (the caller filled the canvas already). */
  bareRoot?: boolean;
  /** The colour map of `.colorbar-ramp` elements (their CSS gradient is redrawn from core/colormap) unless the ramp names its own (`data-colormap`). */
  colormap?: ColormapId;
}

const px = (v: string) => parseFloat(v) || 0;

function isTransparent(c: string): boolean {
  return !c || c === 'transparent' || /^rgba\(.*,\s*0\)$/.test(c);
}

/** The element's effective opacity (product of its and its ancestors' opacities). */
function opacityOf(el: Element): number {
  let o = 1;
  for (let e: Element | null = el; e; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity) || (getComputedStyle(e).opacity === '0' ? 0 : 1);
  return o;
}

function radii(cs: CSSStyleDeclaration, r: DOMRect): number[] {
  const cap = Math.min(r.width, r.height) / 2;
  return [cs.borderTopLeftRadius, cs.borderTopRightRadius, cs.borderBottomRightRadius, cs.borderBottomLeftRadius].map((v) => {
    const n = v.endsWith('%') ? (parseFloat(v) / 100) * Math.min(r.width, r.height) : px(v);
    return Math.min(cap, n);
  });
}

/** Background, ramp and borders of one element box. */
function paintBox(ctx: CanvasRenderingContext2D, el: Element, cs: CSSStyleDeclaration, r: DOMRect, opt: RasterOptions): void {
  if (r.width <= 0 || r.height <= 0) return;
  const rad = radii(cs, r);
  if (el.classList.contains('colorbar-ramp') && opt.colormap) {
    // The colour bar's ramp: bottom = 0, top = 1 of the colour map (as ColorBar's CSS gradient).
    const g = ctx.createLinearGradient(0, r.bottom, 0, r.top);
    const N = 64;
    const map = ((el as HTMLElement).dataset.colormap as LutId | undefined) ?? opt.colormap;
    for (let i = 0; i < N; i++) g.addColorStop(i / (N - 1), colormapCss(map, i / (N - 1)));
    ctx.fillStyle = g;
    ctx.beginPath();
    ctx.roundRect(r.left, r.top, r.width, r.height, rad);
    ctx.fill();
  } else if (!isTransparent(cs.backgroundColor)) {
    ctx.fillStyle = cs.backgroundColor;
    ctx.beginPath();
    ctx.roundRect(r.left, r.top, r.width, r.height, rad);
    ctx.fill();
  }
  const sides = [
    { w: px(cs.borderTopWidth), c: cs.borderTopColor, s: cs.borderTopStyle },
    { w: px(cs.borderRightWidth), c: cs.borderRightColor, s: cs.borderRightStyle },
    { w: px(cs.borderBottomWidth), c: cs.borderBottomColor, s: cs.borderBottomStyle },
    { w: px(cs.borderLeftWidth), c: cs.borderLeftColor, s: cs.borderLeftStyle },
  ].map((b) => (b.s === 'none' || b.s === 'hidden' || isTransparent(b.c) ? { ...b, w: 0 } : b));
  if (sides.every((b) => b.w === 0)) return;
  const same = sides.every((b) => b.w === sides[0].w && b.c === sides[0].c);
  if (same) {
    const w = sides[0].w;
    ctx.strokeStyle = sides[0].c;
    ctx.lineWidth = w;
    ctx.beginPath();
    ctx.roundRect(r.left + w / 2, r.top + w / 2, r.width - w, r.height - w, rad.map((x) => Math.max(0, x - w / 2)));
    ctx.stroke();
    return;
  }
  // Uneven borders (the readout's coloured left edge): one strip per side, clipped to the box.
  ctx.save();
  ctx.beginPath();
  ctx.roundRect(r.left, r.top, r.width, r.height, rad);
  ctx.clip();
  const [t, ri, b, l] = sides;
  const strip = (s: { w: number; c: string }, x: number, y: number, w: number, h: number) => {
    if (s.w <= 0) return;
    ctx.fillStyle = s.c;
    ctx.fillRect(x, y, w, h);
  };
  strip(t, r.left, r.top, r.width, t.w);
  strip(b, r.left, r.bottom - b.w, r.width, b.w);
  strip(l, r.left, r.top, l.w, r.height);
  strip(ri, r.right - ri.w, r.top, ri.w, r.height);
  ctx.restore();
}

/** A `::before` that is a small coloured box (the colour bars' tick marks). */
function paintBefore(ctx: CanvasRenderingContext2D, el: Element, r: DOMRect, cs: CSSStyleDeclaration): void {
  const b = getComputedStyle(el, '::before');
  if (!b.content || b.content === 'none' || b.content === 'normal' || isTransparent(b.backgroundColor)) return;
  const w = px(b.width), h = px(b.height);
  if (!(w > 0 && h > 0)) return;
  ctx.fillStyle = b.backgroundColor;
  ctx.fillRect(r.left + px(cs.paddingLeft) + px(cs.borderLeftWidth) + px(b.marginLeft), r.top + r.height / 2 - h / 2, w, h);
}

function fontOf(cs: CSSStyleDeclaration): string {
  return `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
}

/** `rgb(…) 0px 0px 3px` → the first shadow, or null. */
function shadowOf(cs: CSSStyleDeclaration): { color: string; x: number; y: number; blur: number } | null {
  const s = cs.textShadow;
  if (!s || s === 'none') return null;
  const m = /^(rgba?\([^)]*\)|#[0-9a-f]+|[a-z]+)\s+(-?[\d.]+)px\s+(-?[\d.]+)px(?:\s+([\d.]+)px)?/i.exec(s.trim());
  return m ? { color: m[1], x: +m[2], y: +m[3], blur: +(m[4] ?? 0) } : null;
}

function transformText(s: string, tt: string): string {
  if (tt === 'uppercase') return s.toUpperCase();
  if (tt === 'lowercase') return s.toLowerCase();
  return s;
}

/** One text node, drawn at its rendered line boxes (word by word when it wraps). */
function paintText(ctx: CanvasRenderingContext2D, node: Text, cs: CSSStyleDeclaration, alpha: number, scale: number): void {
  const data = node.data;
  const first = data.search(/\S/);
  if (first < 0) return;
  const last = data.length - (data.length - data.trimEnd().length);
  const range = document.createRange();
  ctx.save();
  ctx.globalAlpha = alpha;
  ctx.font = fontOf(cs);
  ctx.fillStyle = cs.color;
  ctx.textBaseline = 'alphabetic';
  ctx.textAlign = 'left';
  const ls = cs.letterSpacing;
  ctx.letterSpacing = ls && ls !== 'normal' ? ls : '0px';
  const sh = shadowOf(cs);
  if (sh) {
    ctx.shadowColor = sh.color;
    ctx.shadowBlur = sh.blur * scale;
    ctx.shadowOffsetX = sh.x * scale;
    ctx.shadowOffsetY = sh.y * scale;
  }
  const draw = (text: string, r: DOMRect) => {
    if (r.width <= 0 || r.height <= 0) return;
    const m = ctx.measureText(text);
    const asc = m.fontBoundingBoxAscent, desc = m.fontBoundingBoxDescent;
    const y = r.top + (r.height - (asc + desc)) / 2 + asc;
    // Squeeze if the canvas' text is wider than the page's (a fallback font); never stretch.
    const maxW = m.width > r.width + 1 ? r.width + 1 : undefined;
    // Shadows are drawn twice, like the page's glow behind the axis labels.
    ctx.fillText(text, r.left, y, maxW);
    if (sh) ctx.fillText(text, r.left, y, maxW);
  };
  range.setStart(node, first);
  range.setEnd(node, last);
  const rects = [...range.getClientRects()].filter((r) => r.width > 0);
  const tt = cs.textTransform;
  if (rects.length === 1) {
    draw(transformText(data.slice(first, last).replace(/\s+/g, ' '), tt), rects[0]);
  } else if (rects.length > 1) {
    // Wrapped: draw each word at its own box.
    const re = /\S+/g;
    for (let m = re.exec(data); m; m = re.exec(data)) {
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rs = [...range.getClientRects()].filter((r) => r.width > 0);
      if (rs.length === 1) draw(transformText(m[0], tt), rs[0]);
      else if (rs.length > 1) {
        // A word broken across lines ("(paper-" / "toy)"): character by character.
        for (let i = 0; i < m[0].length; i++) {
          range.setStart(node, m.index + i);
          range.setEnd(node, m.index + i + 1);
          const rc = [...range.getClientRects()].filter((r) => r.width > 0);
          if (rc.length) draw(transformText(m[0][i], tt), rc[0]);
        }
      }
    }
  }
  ctx.restore();
}

/** Copies the computed styles SVG needs into a clone (a serialised SVG loses the page's CSS). */
function inlineSvgStyles(src: Element, dst: Element): void {
  const cs = getComputedStyle(src);
  const props = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-dasharray', 'opacity', 'font-family', 'font-size', 'font-weight', 'font-style', 'text-anchor', 'dominant-baseline', 'visibility', 'display', 'color'];
  let style = '';
  for (const p of props) {
    const v = cs.getPropertyValue(p);
    if (v) style += `${p}:${v};`;
  }
  // Through the CSSOM, which the page's Content-Security-Policy allows (a style attribute is not).
  (dst as SVGElement).style.cssText = style;
  for (let i = 0; i < src.children.length && i < dst.children.length; i++) inlineSvgStyles(src.children[i], dst.children[i]);
}

/** Rasterises an inline SVG element at its on-screen size × `scale`, with its computed styles. */
export async function svgImage(svg: SVGSVGElement): Promise<HTMLImageElement> {
  const r = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlineSvgStyles(svg, clone);
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(r.width));
  clone.setAttribute('height', String(r.height));
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Paints `root`'s subtree onto `ctx` (already sized for `opt.origin` × `opt.scale`), in document
 * order. `root` itself is painted too unless `opt.skip` refuses it.
 */
export async function rasterDom(ctx: CanvasRenderingContext2D, root: Element, opt: RasterOptions): Promise<void> {
  ctx.save();
  ctx.setTransform(opt.scale, 0, 0, opt.scale, -opt.origin.left * opt.scale, -opt.origin.top * opt.scale);
  ctx.beginPath();
  ctx.rect(opt.origin.left, opt.origin.top, opt.origin.width, opt.origin.height);
  ctx.clip();
  const baseAlpha = root.parentElement ? opacityOf(root.parentElement) : 1;
  const walk = async (el: Element, alpha: number): Promise<void> => {
    if (opt.skip?.(el)) return;
    const cs = getComputedStyle(el);
    if (cs.display === 'none') return;
    // Not rendered at all (inside a closed <details>, content-visibility: hidden, …).
    if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ contentVisibilityAuto: false, opacityProperty: false, visibilityProperty: false })) return;
    const a = alpha * (cs.opacity === '' ? 1 : parseFloat(cs.opacity));
    if (a <= 0.01) return;
    const visible = cs.visibility === 'visible';
    const r = el.getBoundingClientRect();
    if (visible) {
      ctx.globalAlpha = a;
      if (el instanceof HTMLCanvasElement) {
        if (r.width > 0 && r.height > 0) ctx.drawImage(el, r.left, r.top, r.width, r.height);
        return;
      }
      if (el instanceof SVGSVGElement) {
        if (r.width > 0 && r.height > 0) {
          const img = await svgImage(el);
          ctx.globalAlpha = a;
          ctx.drawImage(img, r.left, r.top, r.width, r.height);
        }
        return;
      }
      if (!(opt.bareRoot && el === root)) paintBox(ctx, el, cs, r, opt);
      paintBefore(ctx, el, r, cs);
    }
    for (const n of el.childNodes) {
      if (n.nodeType === Node.TEXT_NODE) {
        if (visible) paintText(ctx, n as Text, cs, a, opt.scale);
      } else if (n.nodeType === Node.ELEMENT_NODE) {
        await walk(n as Element, a);
      }
    }
  };
  await walk(root, baseAlpha);
  ctx.restore();
}

/**
 * A 2-D heat map of the selected field over the (w1, w2) grid, drawn on a canvas (also the
 * fallback view when WebGL is unavailable). Click or drag to move the marker.
 */
import { colourRange, fieldColormap, fieldDef, fieldValues } from '../core/fields';
import { t, tx } from '../i18n';
import { colormapLut, lutIndex } from '../core/colormap';
import { useEffect, useRef } from 'react';
import { useStore } from '../state/store';
import { gridBuffers } from '../state/buffers';

export function HeatMap2D() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const gridVersion = useStore((s) => s.gridVersion);
  const field = useStore((s) => s.field);
  const colormap = useStore((s) => s.colormap);
  const marker = useStore((s) => s.marker);
  const setMarker = useStore((s) => s.setMarker);

  useEffect(() => {
    const c = canvas.current;
    const f = gridBuffers.fields;
    if (!c || !f) return;
    const res = f.res;
    c.width = res;
    c.height = res;
    const ctx = c.getContext('2d', { willReadFrequently: true }); // CPU-backed: see DecisionView
    if (!ctx) return;
    const values = fieldValues(f, field) ?? new Float32Array(res * res).fill(NaN);
    let lo = Infinity, hi = -Infinity;
    for (const v of values) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const { min, max } = colourRange(field, { min: lo, max: hi });
    const lut = colormapLut(fieldColormap(field, colormap));
    const size = lut.length / 3;
    const img = ctx.createImageData(res, res);
    for (let row = 0; row < res; row++) {
      for (let col = 0; col < res; col++) {
        // Canvas y grows downwards; w2 grows upwards.
        const v = values[row * res + col];
        const k = 3 * lutIndex((v - min) / (max - min || 1), size);
        const [r, g, b] = [255 * lut[k], 255 * lut[k + 1], 255 * lut[k + 2]];
        const o = ((res - 1 - row) * res + col) * 4;
        img.data[o] = r;
        img.data[o + 1] = g;
        img.data[o + 2] = b;
        img.data[o + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
  }, [gridVersion, field, colormap]);

  const [w1lo, w1hi] = gridBuffers.w1Range;
  const [w2lo, w2hi] = gridBuffers.w2Range;
  const mx = ((marker[0] - w1lo) / (w1hi - w1lo || 1)) * 100;
  const my = (1 - (marker[1] - w2lo) / (w2hi - w2lo || 1)) * 100;

  const pick = (e: React.PointerEvent<HTMLDivElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const u = (e.clientX - rect.left) / rect.width;
    const v = 1 - (e.clientY - rect.top) / rect.height;
    setMarker([w1lo + u * (w1hi - w1lo), w2lo + v * (w2hi - w2lo)]);
  };

  return (
    <div className="heatmap" data-testid="heatmap" onPointerDown={(e) => { e.currentTarget.setPointerCapture(e.pointerId); pick(e); }} onPointerMove={(e) => e.buttons && pick(e)}>
      <canvas ref={canvas} aria-label={t('Heat map of {{field}} over w1 and w2', { field: tx(fieldDef(field).label) })} />
      {gridVersion > 0 && <div className="heatmap-marker" style={{ left: `${mx}%`, top: `${my}%` }} />}
    </div>
  );
}

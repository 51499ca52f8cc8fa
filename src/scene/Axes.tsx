/**
 * Axes with ticks and labels (w1 along the front edge, w2 along the left edge, loss up the back-left
 * corner) and a base grid on the bound plane. Rebuilt only when the frame (grid range, loss range,
 * height transform) changes.
 */
import { useEffect, useMemo } from 'react';
import { Html } from '@react-three/drei';
import { BufferGeometry, Float32BufferAttribute } from 'three';
import { t, useT } from '../i18n';
import { formatTick, niceTicks } from '../core/colormap';
import { useSceneColors } from './sceneTheme';
import { PLANE_Y, SURFACE_HEIGHT, frame, halfExtent, heightOfLoss, worldX, worldZ } from './frame';
import { axisLabelAnchors, labelHooks } from './labels';

const TICK = 0.14;

interface AxesLayout {
  axis: BufferGeometry;
  grid: BufferGeometry;
  labels: { key: string; pos: [number, number, number]; text: string; cls: string; rank: number }[];
}

function logTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * Math.pow(10, e);
      if (v >= lo && v <= hi) out.push(v);
    }
  }
  return out.length >= 2 ? out : niceTicks(lo, hi, 5);
}

/** A tick label's rank in the label layout (scene/labels): an axis' end ticks give way first. */
const tickRank = (i: number, n: number) => (i === 0 || i === n - 1 ? 2 : 1);

function buildLayout(): AxesLayout {
  const [hx, hz] = halfExtent();
  const y0 = PLANE_Y;
  const axis: number[] = [];
  const grid: number[] = [];
  const labels: AxesLayout['labels'] = [];
  const seg = (a: number[], p: [number, number, number], q: [number, number, number]) => a.push(...p, ...q);
  // w1 axis: front edge of the plane.
  seg(axis, [-hx, y0, hz], [hx, y0, hz]);
  const w1Ticks = niceTicks(frame.w1[0], frame.w1[1], 6);
  for (const [i, t] of w1Ticks.entries()) {
    const x = worldX(t);
    seg(axis, [x, y0, hz], [x, y0, hz + TICK]);
    seg(grid, [x, y0 + 0.004, -hz], [x, y0 + 0.004, hz]);
    labels.push({ key: `w1-${t}`, pos: [x, y0, hz + 0.42], text: formatTick(t), cls: 'axis-tick', rank: tickRank(i, w1Ticks.length) });
  }
  labels.push({ key: 'w1-title', pos: [0, y0 - 0.1, hz + 1.0], text: 'w₁', cls: 'axis-title', rank: 0 });
  // w2 axis: left edge.
  seg(axis, [-hx, y0, -hz], [-hx, y0, hz]);
  const w2Ticks = niceTicks(frame.w2[0], frame.w2[1], 6);
  for (const [i, t] of w2Ticks.entries()) {
    const z = worldZ(t);
    seg(axis, [-hx, y0, z], [-hx - TICK, y0, z]);
    seg(grid, [-hx, y0 + 0.004, z], [hx, y0 + 0.004, z]);
    labels.push({ key: `w2-${t}`, pos: [-hx - 0.45, y0, z], text: formatTick(t), cls: 'axis-tick', rank: tickRank(i, w2Ticks.length) });
  }
  labels.push({ key: 'w2-title', pos: [-hx - 1.1, y0 - 0.1, 0], text: 'w₂', cls: 'axis-title', rank: 0 });
  // Loss axis (not in the flat top-down map): vertical at the back-left corner.
  if (frame.flatten === 1) {
    // Loss axis: vertical at the back-left corner, from the surface's lowest to highest point.
    seg(axis, [-hx, 0, -hz], [-hx, SURFACE_HEIGHT, -hz]);
    seg(axis, [-hx, y0, -hz], [-hx, 0, -hz]);
    const lt = frame.log ? logTicks(frame.lossMin, frame.lossMax) : niceTicks(frame.lossMin, frame.lossMax, 5);
    for (const [i, t] of lt.entries()) {
      const y = heightOfLoss(t);
      seg(axis, [-hx, y, -hz], [-hx - TICK, y, -hz]);
      labels.push({ key: `loss-${t}`, pos: [-hx - 0.42, y, -hz], text: formatTick(t), cls: 'axis-tick', rank: tickRank(i, lt.length) });
    }
    labels.push({ key: 'loss-title', pos: [-hx, SURFACE_HEIGHT + 0.45, -hz], text: frame.log ? t('loss (log)') : t('loss'), cls: 'axis-title', rank: 0 });
  }
  const mk = (a: number[]) => {
    const g = new BufferGeometry();
    g.setAttribute('position', new Float32BufferAttribute(a, 3));
    return g;
  };
  return { axis: mk(axis), grid: mk(grid), labels };
}

/** Registers a tick label or title with the label placement (scene/labels: the minima's tags keep clear of it). */
function registerAxisLabel(key: string, pos: [number, number, number], rank: number, el: HTMLDivElement | null): void {
  if (el) axisLabelAnchors.set(key, { pos, el, rank });
  else axisLabelAnchors.delete(key);
  labelHooks.invalidate();
}

export function Axes({ frameVersion }: { frameVersion: number }) {
  const lang = useT();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const layout = useMemo(() => buildLayout(), [frameVersion, lang]);
  useEffect(
    () => () => {
      layout.axis.dispose();
      layout.grid.dispose();
    },
    [layout],
  );
  const colors = useSceneColors();
  return (
    <group name="axes">
      <lineSegments geometry={layout.axis}>
        <lineBasicMaterial color={colors.axis} />
      </lineSegments>
      <lineSegments geometry={layout.grid}>
        <lineBasicMaterial color={colors.grid} transparent opacity={colors.gridOpacity} />
      </lineSegments>
      {layout.labels.map((l) => (
        <Html key={l.key} ref={(el: HTMLDivElement | null) => registerAxisLabel(l.key, l.pos, l.rank, el)} position={l.pos} center className={l.cls} zIndexRange={[5, 0]} pointerEvents="none">
          {l.text}
        </Html>
      ))}
    </group>
  );
}

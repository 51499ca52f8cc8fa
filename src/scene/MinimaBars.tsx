/**
 * The local minima (core/minima, refined in float64): vertical bars from the bound plane up to the
 * surface, the global minimum in orange and the others in cyan, each labelled with its character
 * (sharp / flat by λmax), Ψ, and warnings (flat along one direction; near-constant predictor). Clicking a bar or its label moves the marker there; Shift+click also pins it.
 */
import { useLayoutEffect, useRef } from 'react';
import type { ThreeEvent } from '@react-three/fiber';
import { useStore } from '../state/store';
import type { LocalMinimum } from '../core/minima';
import { PLANE_Y, surfaceHeightAt, worldX, worldZ } from './frame';
import { labelAnchors, labelHooks } from './labels';
import { pinPoint } from '../app/actions';
import { minimumLabelText } from './minimumLabel';
import { MARK_COLORS, screenColor } from './markColors';
import { useT } from '../i18n';

export const GLOBAL_MIN_COLOR = screenColor(MARK_COLORS.global);
export const LOCAL_MIN_COLOR = screenColor(MARK_COLORS.local);
const BAR_RADIUS = 0.04;
/** How far a bar rises above the surface (world units), so it shows from above. */
const BAR_ABOVE = 0.55;

/** Moves the marker to a minimum; with Shift also pins it for the pin table (as `p` would). */
function goToMinimum(m: LocalMinimum, pin: boolean): void {
  useStore.getState().setMarker([m.w[0], m.w[1]]);
  if (!pin) return;
  try {
    pinPoint(m.w[0], m.w[1]);
  } catch (e) {
    useStore.getState().notify({ kind: 'error', text: (e as Error).message });
  }
}

function MinimumBar({ m }: { m: LocalMinimum }) {
  const x = worldX(m.w[0]), z = worldZ(m.w[1]);
  const surf = surfaceHeightAt(m.w[0], m.w[1]);
  const top = surf + BAR_ABOVE;
  const len = Math.max(0.01, top - PLANE_Y);
  const color = m.global ? GLOBAL_MIN_COLOR : LOCAL_MIN_COLOR;
  const jump = (e: ThreeEvent<MouseEvent>) => {
    e.stopPropagation();
    goToMinimum(m, e.nativeEvent.shiftKey);
  };
  return (
    <group name={`minimum-${m.global ? 'global' : 'local'}`}>
      <mesh position={[x, PLANE_Y + len / 2, z]} onClick={jump} onPointerOver={() => (document.body.style.cursor = 'pointer')} onPointerOut={() => (document.body.style.cursor = '')}>
        <cylinderGeometry args={[BAR_RADIUS, BAR_RADIUS, len, 10]} />
        <meshBasicMaterial color={color} />
      </mesh>
      {/* The part of the bar hidden by the surface, seen through it faintly. */}
      <mesh position={[x, PLANE_Y + len / 2, z]} renderOrder={2}>
        <cylinderGeometry args={[BAR_RADIUS, BAR_RADIUS, len, 10]} />
        <meshBasicMaterial color={color} transparent opacity={0.35} depthTest={false} depthWrite={false} />
      </mesh>
      <mesh position={[x, surf, z]} onClick={jump}>
        <sphereGeometry args={[0.09, 16, 12]} />
        <meshBasicMaterial color={color} />
      </mesh>
      <mesh position={[x, top, z]}>
        <sphereGeometry args={[0.06, 12, 8]} />
        <meshBasicMaterial color={color} />
      </mesh>
      <mesh position={[x, PLANE_Y + 0.012, z]} rotation={[-Math.PI / 2, 0, 0]}>
        <ringGeometry args={[0.1, 0.16, 28]} />
        <meshBasicMaterial color={color} />
      </mesh>
    </group>
  );
}

/** Re-renders (bars follow the surface) when the frame version changes. */
export function MinimaBars({ frameVersion }: { frameVersion: number }) {
  const minima = useStore((s) => s.minima);
  return (
    <group name="minima" userData={{ frameVersion }}>
      {minima.map((m) => (
        <MinimumBar key={`${m.w[0].toFixed(6)},${m.w[1].toFixed(6)}`} m={m} />
      ))}
    </group>
  );
}

/** The minima's name tags: DOM buttons over the canvas, placed by LabelProjector. */
function MinimumLabel({ m }: { m: LocalMinimum }) {
  const ref = useRef<HTMLButtonElement>(null);
  const id = `min-${m.w[0]},${m.w[1]}`;
  useLayoutEffect(() => {
    if (!ref.current) return;
    labelAnchors.set(id, { w1: m.w[0], w2: m.w[1], lift: LABEL_LIFT, el: ref.current });
    labelHooks.invalidate();
    return () => {
      labelAnchors.delete(id);
    };
  }, [id, m]);
  const kind = m.global ? 'global' : 'local';
  const text = minimumLabelText(m);
  return (
    <button
      ref={ref}
      type="button"
      className={`minimum-label is-${kind}`}
      style={{ visibility: 'hidden' }}
      onClick={(e) => goToMinimum(m, e.shiftKey)}
      data-testid={`minimum-${kind}`}
      data-w1={m.w[0]}
      data-w2={m.w[1]}
      data-character={m.character}
      data-near-constant={m.nearConstant ? '1' : '0'}
      title={text.detail}
    >
      <b>{text.title}</b>
      {text.lines.map((l, i) => (
        <span key={i} className={i >= 2 ? 'minimum-note' : undefined}>
          {l}
        </span>
      ))}
    </button>
  );
}

/** World lift of a minimum's label above the surface. */
const LABEL_LIFT = BAR_ABOVE + 0.12;

/** DOM overlay with the minima's labels (rendered outside the <Canvas>). */
export function MinimaLabels() {
  const t = useT();
  const minima = useStore((s) => s.minima);
  return (
    <div className="landscape-labels" aria-label={t('Local minima')}>
      {minima.map((m) => (
        <MinimumLabel key={`${m.w[0].toFixed(6)},${m.w[1].toFixed(6)}`} m={m} />
      ))}
    </div>
  );
}

/**
 * The local minima (core/minima, refined in float64): vertical bars from the bound plane up to the
 * surface, the global minimum in orange and the others in cyan, each labelled with its character
 * (sharp / flat) and Ψ. Clicking a bar or its label moves the marker there.
 */
import { Html } from '@react-three/drei';
import type { ThreeEvent } from '@react-three/fiber';
import { useStore } from '../state/store';
import type { LocalMinimum } from '../core/minima';
import { PLANE_Y, surfaceHeightAt, worldX, worldZ } from './frame';

export const GLOBAL_MIN_COLOR = '#ff9a1f';
export const LOCAL_MIN_COLOR = '#3fe0ff';
const BAR_RADIUS = 0.045;

function MinimumBar({ m }: { m: LocalMinimum }) {
  const setMarker = useStore((s) => s.setMarker);
  const x = worldX(m.w[0]), z = worldZ(m.w[1]);
  const top = surfaceHeightAt(m.w[0], m.w[1]);
  const len = Math.max(0.01, top - PLANE_Y);
  const color = m.global ? GLOBAL_MIN_COLOR : LOCAL_MIN_COLOR;
  const jump = (e?: ThreeEvent<MouseEvent> | React.MouseEvent) => {
    e?.stopPropagation();
    setMarker([m.w[0], m.w[1]]);
  };
  const name = `${m.global ? 'global' : 'local'} min · ${m.character}`;
  return (
    <group name={`minimum-${m.global ? 'global' : 'local'}`}>
      <mesh position={[x, PLANE_Y + len / 2, z]} onClick={jump} onPointerOver={() => (document.body.style.cursor = 'pointer')} onPointerOut={() => (document.body.style.cursor = '')}>
        <cylinderGeometry args={[BAR_RADIUS, BAR_RADIUS, len, 10]} />
        <meshBasicMaterial color={color} />
      </mesh>
      <mesh position={[x, top, z]} onClick={jump}>
        <sphereGeometry args={[0.085, 16, 12]} />
        <meshBasicMaterial color={color} />
      </mesh>
      <mesh position={[x, PLANE_Y + 0.012, z]} rotation={[-Math.PI / 2, 0, 0]}>
        <ringGeometry args={[0.1, 0.16, 28]} />
        <meshBasicMaterial color={color} />
      </mesh>
      <Html position={[x, top + 0.28, z]} center zIndexRange={[20, 10]} className="minimum-label-anchor">
        <button type="button" className={`minimum-label ${m.global ? 'is-global' : 'is-local'}`} onClick={jump} data-testid={`minimum-${m.global ? 'global' : 'local'}`} title={`Move the marker to this minimum: w = (${m.w[0].toFixed(4)}, ${m.w[1].toFixed(4)}), loss ${m.loss.toFixed(4)}, λmax ${m.lambdaMax.toFixed(3)}`}>
          <b>{name}</b>
          <span>
            Ψ {m.psi.toFixed(2)} · loss {m.loss.toFixed(3)}
          </span>
        </button>
      </Html>
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

/**
 * Per-size GPU resources kept across the preview ↔ full-grid switch: every recompute shows a 64²
 * preview, then the full grid, so a texture or mesh made for one size is needed again a second
 * later. Re-creating them cost new GL objects and uploads on the frame that shows a grid (a long
 * task with software WebGL); this hook keeps the last `keep` sizes and disposes the rest.
 */
import { useEffect, useRef } from 'react';

export function useSizeCache<T extends { dispose(): void }>(size: number, create: (size: number) => T, keep = 2): T {
  const cache = useRef(new Map<number, T>());
  const m = cache.current;
  let v = m.get(size);
  if (v) {
    // Most recently used last.
    m.delete(size);
    m.set(size, v);
  } else {
    v = create(size);
    m.set(size, v);
  }
  useEffect(() => {
    // Evict after the commit, so a resource is never disposed while the scene still shows it.
    while (m.size > keep) {
      const [k, old] = m.entries().next().value as [number, T];
      m.delete(k);
      old.dispose();
    }
  });
  useEffect(
    () => () => {
      m.forEach((x) => x.dispose());
      m.clear();
    },
    [m],
  );
  return v;
}

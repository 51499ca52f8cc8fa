/**
 * Seeded pseudo-random numbers, identical in Node and every browser (pure 32-bit integer math).
 * Hand-written because the generator must be bit-reproducible across engines and tiny:
 * mulberry32 (public domain) for uniforms, Box–Muller for normals.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
}

/** A mulberry32 generator seeded with a 32-bit integer. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  let spare: number | null = null;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = uniform();
    while (u <= 1e-300) u = uniform();
    const v = uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
  return { uniform, normal };
}

/** A normal N(0, sd²) truncated to [−limit, limit] by rejection (limit > 0). */
export function truncatedNormal(rng: Rng, sd: number, limit: number): number {
  if (sd <= 0) return 0;
  for (let i = 0; i < 1000; i++) {
    const u = rng.normal() * sd;
    if (u >= -limit && u <= limit) return u;
  }
  return 0;
}

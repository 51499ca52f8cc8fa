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

/** Where a generator stands: uniforms drawn so far, and whether a Box–Muller spare is held. */
export interface RngState {
  count: number;
  spare: boolean;
}

/**
 * A mulberry32 generator seeded with a 32-bit integer; with `at`, as the generator seeded so
 * stands after `at.count` uniforms (its state is a counter: seed + count·INC), holding the spare
 * of its last Box–Muller pair when `at.spare` (the pair of the last two uniforms).
 */
export function createRng(seed: number, at?: RngState): Rng {
  let a = seed >>> 0;
  let spare: number | null = null;
  if (at && at.count > 0) {
    a = (a + Math.imul(at.count, 0x6d2b79f5)) >>> 0;
    if (at.spare && at.count >= 2) {
      const u = uniformAt(seed, at.count - 2), v = uniformAt(seed, at.count - 1);
      spare = Math.sqrt(-2 * Math.log(u)) * Math.sin(2 * Math.PI * v);
    }
  }
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

/** The i-th uniform (0-based) of the generator seeded with `seed`, by random access. */
export function uniformAt(seed: number, i: number): number {
  let t = ((seed >>> 0) + Math.imul(i + 1, 0x6d2b79f5)) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
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

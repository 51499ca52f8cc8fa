/**
 * The WebGL grid engine's GPGPU programs (GLSL sources and their uniforms): the jets of core/jets
 * in float32 GLSL, the ρ max filters, the stencil fallback, the final elementwise pass, the test
 * loss and the stitching of draw tiles. What each pass computes: webglEngine.ts's file comment.
 * Shared with the batched training programs (compute/ensemble.ts: DATA_W, GLSL_COMMON,
 * jetFunction).
 */
import type { GPGPUProgram, Uniform } from './tfjsWebgl';

/** Width (in samples) of the packed data texture. */
export const DATA_W = 256;
/** Samples summed per inner block before adding to the outer accumulator. */
export const SUM_BLOCK = 64;


export const GLSL_COMMON = `
float log1pPos(float e) {
  if (e < 0.05) return e * (1.0 - e * (0.5 - e * (0.33333333 - e * (0.25 - e * 0.2))));
  return log(1.0 + e);
}
// Sigmoid and its first three derivatives at a, without cancellation in the tails.
void sigD(float a, out float s0, out float s1, out float s2, out float s3) {
  float e = exp(-abs(a));
  float sm = e / (1.0 + e);
  s0 = a >= 0.0 ? 1.0 - sm : sm;
  s1 = sm * (1.0 - sm);
  float t = s1 * (1.0 - 2.0 * sm);
  s2 = a >= 0.0 ? -t : t;
  s3 = s1 * (1.0 - 6.0 * s1);
}
vec4 sample_(int j) {
  return getX(2 * (j / ${DATA_W}), 2 * imod(j, ${DATA_W}));
}
`;

/**
 * GLSL of `jetK(w1, w2)`: the mean loss jet over the sample up to order K (1 or 3).
 * Order 1 returns (loss, ∂1, ∂2, 0); order 3 returns (H11, H12, H22, ‖T‖_F).
 * Jet layout by degree: a (1), b (e1, e2), c (e1², e1e2, e2²), d (e1³, e1²e2, e1e2², e2³).
 */
export function jetFunction(order: 1 | 3): string {
  const o3 = order === 3;
  const decl = (p: string) =>
    o3 ? `float ${p}a; vec2 ${p}b; vec3 ${p}c; vec4 ${p}d;` : `float ${p}a; vec2 ${p}b;`;
  // mix: out = w1·u + w2·v + e1·u + e2·v
  const mix = (o: string, u: string, v: string) =>
    `${o}a = w1 * ${u}a + w2 * ${v}a;
     ${o}b = w1 * ${u}b + w2 * ${v}b + vec2(${u}a, ${v}a);` +
    (o3
      ? `
     ${o}c = w1 * ${u}c + w2 * ${v}c + vec3(${u}b, 0.0) + vec3(0.0, ${v}b);
     ${o}d = w1 * ${u}d + w2 * ${v}d + vec4(${u}c, 0.0) + vec4(0.0, ${v}c);`
      : '');
  // compose f (value f0, derivatives f1..f3) with jet a into o
  const compose = (o: string, a: string, f0: string, f1: string, f2: string, f3: string) =>
    `${o}a = ${f0};
     ${o}b = ${f1} * ${a}b;` +
    (o3
      ? `
     ${o}c = ${f1} * ${a}c + (0.5 * ${f2}) * vec3(${a}b.x * ${a}b.x, 2.0 * ${a}b.x * ${a}b.y, ${a}b.y * ${a}b.y);
     ${o}d = ${f1} * ${a}d + ${f2} * (${a}b.x * vec4(${a}c, 0.0) + ${a}b.y * vec4(0.0, ${a}c))
           + (${f3} * 0.16666667) * vec4(${a}b.x * ${a}b.x * ${a}b.x, 3.0 * ${a}b.x * ${a}b.x * ${a}b.y,
                                         3.0 * ${a}b.x * ${a}b.y * ${a}b.y, ${a}b.y * ${a}b.y * ${a}b.y);`
      : '');
  // compose with a jet whose only non-zero terms are the value and the linear part p
  const peel = (o: string, p: string) =>
    `${o}a = s0; ${o}b = s1 * ${p};` +
    (o3
      ? ` ${o}c = (0.5 * s2) * vec3(${p}.x * ${p}.x, 2.0 * ${p}.x * ${p}.y, ${p}.y * ${p}.y);
        ${o}d = (s3 * 0.16666667) * vec4(${p}.x * ${p}.x * ${p}.x, 3.0 * ${p}.x * ${p}.x * ${p}.y, 3.0 * ${p}.x * ${p}.y * ${p}.y, ${p}.y * ${p}.y * ${p}.y);`
      : '');
  const zero = (p: string) => `${p}a = 0.0; ${p}b = vec2(0.0);` + (o3 ? ` ${p}c = vec3(0.0); ${p}d = vec4(0.0);` : '');
  const add = (o: string, p: string) => `${o}a += ${p}a; ${o}b += ${p}b;` + (o3 ? ` ${o}c += ${p}c; ${o}d += ${p}d;` : '');
  return `
vec4 jet${order}(float w1, float w2) {
  ${decl('S')} ${decl('B')} ${decl('h1')} ${decl('h2')} ${decl('a1')} ${decl('a2')} ${decl('L')}
  ${zero('S')}
  float s0, s1, s2, s3;
  for (int j0 = 0; j0 < uN; j0 += ${SUM_BLOCK}) {
    ${zero('B')}
    int j1 = min(j0 + ${SUM_BLOCK}, uN);
    for (int j = j0; j < j1; j++) {
      vec4 xd = sample_(j);
      if (uDepth > 1) {
        // Layer 1 peeled: h⁰ = x is constant, so a = (w·x, x) has no higher terms.
        vec2 p1 = xd.xy, p2 = xd.yx;
        sigD(w1 * xd.x + w2 * xd.y, s0, s1, s2, s3);
        ${peel('h1', 'p1')}
        sigD(w2 * xd.x + w1 * xd.y, s0, s1, s2, s3);
        ${peel('h2', 'p2')}
      } else {
        ${zero('h1')} ${zero('h2')}
        h1a = xd.x; h2a = xd.y;
      }
      for (int l = 2; l < uDepth; l++) {
        ${mix('a1', 'h1', 'h2')}
        ${mix('a2', 'h2', 'h1')}
        sigD(a1a, s0, s1, s2, s3);
        ${compose('h1', 'a1', 's0', 's1', 's2', 's3')}
        sigD(a2a, s0, s1, s2, s3);
        ${compose('h2', 'a2', 's0', 's1', 's2', 's3')}
      }
      ${mix('a1', 'h1', 'h2')}
      // loss_j = softplus(q), q = sg·z, sg = 1 − 2y; L' = sg·sigmoid(q), L'' = sigmoid'(q), L''' = sg·sigmoid''(q)
      float sg = xd.z;
      float q = sg * a1a;
      float e = exp(-abs(q));
      float sm = e / (1.0 + e);
      float sq = q >= 0.0 ? 1.0 - sm : sm;
      float l0 = max(q, 0.0) + log1pPos(e);
      float l2 = sm * (1.0 - sm);
      float tt = l2 * (1.0 - 2.0 * sm);
      float l3 = sg * (q >= 0.0 ? -tt : tt);
      ${compose('L', 'a1', 'l0', '(sg * sq)', 'l2', 'l3')}
      ${add('B', 'L')}
    }
    ${add('S', 'B')}
  }
  float inv = 1.0 / float(uN);
  ${
    o3
      ? `vec4 t = Sd * inv * vec4(6.0, 2.0, 2.0, 6.0);
  return vec4(2.0 * Sc.x * inv, Sc.y * inv, 2.0 * Sc.z * inv, sqrt(t.x * t.x + 3.0 * t.y * t.y + 3.0 * t.z * t.z + t.w * t.w));`
      : `return vec4(Sa * inv, Sb * inv, 0.0);`
  }
}
`;
}

const JET_UNIFORMS: Uniform[] = [
  { name: 'uN', type: 'int' },
  { name: 'uDepth', type: 'int' },
];

/** Grid-node jets: output [2·rows, 2·cols], node (row0 + r, col0 + c) at w = origin + (col0 + c, row0 + r)·step. */
export function jetGridProgram(order: 1 | 3, rows: number, cols: number): GPGPUProgram {
  return {
    variableNames: ['X'],
    outputShape: [2 * rows, 2 * cols],
    packedInputs: true,
    packedOutput: true,
    enableShapeUniforms: true,
    customUniforms: [...JET_UNIFORMS, { name: 'uOrigin', type: 'vec2' }, { name: 'uStep', type: 'vec2' }, { name: 'uRow0', type: 'int' }, { name: 'uCol0', type: 'int' }],
    userCode: `${GLSL_COMMON}${jetFunction(order)}
void main() {
  ivec2 rc = getOutputCoords() / 2;
  vec2 w = uOrigin + vec2(float(rc.y + uCol0), float(rc.x + uRow0)) * uStep;
  setOutput(jet${order}(w.x, w.y));
}`,
  };
}

/**
 * ‖T‖ at the 5×5 stencil of the nodes of one band: output [2·rows·25, 2·cols]; texel
 * (r·25 + s, c) is stencil point s of node (uRow0 + r, uCol0 + c) of the main grid.
 */
export function stencilProgram(rows: number, cols: number): GPGPUProgram {
  return {
    variableNames: ['X'],
    outputShape: [2 * rows * 25, 2 * cols],
    packedInputs: true,
    packedOutput: true,
    enableShapeUniforms: true,
    customUniforms: [
      ...JET_UNIFORMS,
      { name: 'uOrigin', type: 'vec2' },
      { name: 'uStep', type: 'vec2' },
      { name: 'uRow0', type: 'int' },
      { name: 'uCol0', type: 'int' },
      { name: 'uGE', type: 'vec2' },
    ],
    userCode: `${GLSL_COMMON}${jetFunction(3)}
void main() {
  ivec2 rc = getOutputCoords() / 2;
  int r = rc.x / 25;
  int s = imod(rc.x, 25);
  vec2 w = uOrigin + vec2(float(rc.y + uCol0), float(r + uRow0)) * uStep;
  vec2 k = uGE.x * abs(w) + uGE.y;
  vec2 off = vec2(float(s / 5), float(imod(s, 5))) * 0.5 - 1.0;
  setOutput(vec4(jet3(w.x + off.x * k.x, w.y + off.y * k.y).w, 0.0, 0.0, 0.0));
}`,
  };
}

/**
 * GLSL body of the window max of core/rhoGrid.windowMax: nodes inside [ci − h, ci + h] plus both
 * edges interpolated geometrically; V(j) reads node j of the line, uExt is its length.
 * (Pass 1 of the max filter, and the w1 window of the edge rows.)
 */
const GLSL_WINDOW = `
  float h = (uGE.x * abs(w) + uGE.y) / uStep;
  int k = int(floor(h + 1e-4));
  int lo = max(0, ci - k), hi = min(uExt - 1, ci + k);
  float m = 0.0;
  for (int j = lo; j <= hi; j++) m = max(m, V(j));
  for (int e = 0; e < 2; e++) {
    float x = float(ci) + (e == 0 ? -h : h);
    int j0 = int(floor(x));
    float v;
    if (j0 < 0) v = V(0);
    else if (j0 >= uExt - 1) v = V(uExt - 1);
    else {
      float a = V(j0), b = V(j0 + 1), t = x - float(j0);
      v = t <= 0.0 ? a : (a > 0.0 && b > 0.0 ? a * pow(b / a, t) : mix(a, b, t));
    }
    m = max(m, v);
  }
  setOutput(vec4(m, 0.0, 0.0, 0.0));`;

const MAX_UNIFORMS: Uniform[] = [
  { name: 'uOrigin', type: 'float' },
  { name: 'uStep', type: 'float' },
  { name: 'uGE', type: 'vec2' },
  { name: 'uMargin', type: 'int' },
  { name: 'uExt', type: 'int' },
];

/**
 * Max filter along w1: input ‖T‖ (channel 3 of J3 on the extended grid), output [2·re, 2·res]:
 * for every extended row, the window max around main column c.
 */
export function maxRowsProgram(re: number, res: number): GPGPUProgram {
  return {
    variableNames: ['T'],
    outputShape: [2 * re, 2 * res],
    packedInputs: true,
    packedOutput: true,
    enableShapeUniforms: true,
    customUniforms: MAX_UNIFORMS,
    userCode: `
#define V(j) getT(2 * rc.x, 2 * (j)).w
void main() {
  ivec2 rc = getOutputCoords() / 2;
  float w = uOrigin + float(rc.y) * uStep;
  int ci = rc.y + uMargin;
  ${GLSL_WINDOW}
}`,
  };
}

/** ‖T‖ between two rows at fraction t, as core/rhoGrid.edgeInterp. */
const GLSL_EDGE_INTERP = `
float edgeInterp(float a, float b, float t) {
  return t <= 0.0 ? a : (a > 0.0 && b > 0.0 ? a * pow(b / a, t) : mix(a, b, t));
}`;

/**
 * The box's two w2-edge rows (core/rhoGrid.rhoFromExtended, pass 2): for main row r and edge e
 * (output row 2r + e), ‖T‖ interpolated column by column between the two extended rows straddling
 * the edge (clamped as core/rhoGrid.edgeRows), then its window max along w1 around main column c.
 * Input ‖T‖ (channel 3 of J3 on the extended grid), output [2·2res, 2·res].
 */
export function edgeRowsProgram(res: number): GPGPUProgram {
  return {
    variableNames: ['T'],
    outputShape: [4 * res, 2 * res],
    packedInputs: true,
    packedOutput: true,
    enableShapeUniforms: true,
    customUniforms: [
      ...MAX_UNIFORMS,
      { name: 'uOrigin2', type: 'float' },
      { name: 'uStep2', type: 'float' },
      { name: 'uMargin2', type: 'int' },
      { name: 'uRe', type: 'int' },
    ],
    userCode: `
${GLSL_EDGE_INTERP}
int ra, rb;
float ty;
#define V(j) edgeInterp(getT(2 * ra, 2 * (j)).w, getT(2 * rb, 2 * (j)).w, ty)
void main() {
  ivec2 rc = getOutputCoords() / 2;
  int r = rc.x / 2;
  float w2 = uOrigin2 + float(r) * uStep2;
  float h2 = (uGE.x * abs(w2) + uGE.y) / uStep2;
  float y = float(r + uMargin2) + (imod(rc.x, 2) == 0 ? -h2 : h2);
  int j0 = int(floor(y));
  ty = y - float(j0);
  if (j0 < 0) { ra = 0; rb = 0; ty = 0.0; }
  else if (j0 >= uRe - 1) { ra = uRe - 1; rb = ra; ty = 0.0; }
  else if (ty <= 0.0) { ra = j0; rb = j0; ty = 0.0; }
  else { ra = j0; rb = j0 + 1; }
  float w = uOrigin + float(rc.y) * uStep;
  int ci = rc.y + uMargin;
  ${GLSL_WINDOW}
}`,
  };
}

/**
 * Max filter along w2: inputs the row-filtered [2·re, 2·res] and the edge rows [2·2res, 2·res];
 * output ρ_grid [2·res, 2·res]: the max over the rows inside the box and its two edge rows.
 */
export function maxColsProgram(res: number): GPGPUProgram {
  return {
    variableNames: ['M', 'E'],
    outputShape: [2 * res, 2 * res],
    packedInputs: true,
    packedOutput: true,
    enableShapeUniforms: true,
    customUniforms: MAX_UNIFORMS,
    userCode: `
void main() {
  ivec2 rc = getOutputCoords() / 2;
  float w = uOrigin + float(rc.x) * uStep;
  int ci = rc.x + uMargin;
  float h = (uGE.x * abs(w) + uGE.y) / uStep;
  int k = int(floor(h + 1e-4));
  int lo = max(0, ci - k), hi = min(uExt - 1, ci + k);
  float m = max(getE(4 * rc.x, 2 * rc.y).x, getE(4 * rc.x + 2, 2 * rc.y).x);
  for (int j = lo; j <= hi; j++) m = max(m, getM(2 * j, 2 * rc.y).x);
  setOutput(vec4(m, 0.0, 0.0, 0.0));
}`,
  };
}

/**
 * The elementwise pass. Inputs: J1 [2res, 2res], J3 ext, ρ_grid [2res, 2res], stencil bands
 * SR (rows band × all cols) and SC (all rows × cols band). Output [2·res, 6·res]: texel
 * (r, 3c + k) holds k = 0 (loss, ∂1, ∂2, H11), 1 (H12, H22, ‖T‖, ρ), 2 (Ψ, bound, σ*1, σ*2).
 */
export function finalProgram(res: number): GPGPUProgram {
  return {
    variableNames: ['A', 'B', 'R', 'SR', 'SC'],
    outputShape: [2 * res, 6 * res],
    packedInputs: true,
    packedOutput: true,
    enableShapeUniforms: true,
    customUniforms: [
      { name: 'uOrigin', type: 'vec2' },
      { name: 'uStep', type: 'vec2' },
      { name: 'uGE', type: 'vec2' },
      { name: 'uMargin', type: 'ivec2' },
      { name: 'uBandR', type: 'ivec2' },
      { name: 'uBandC', type: 'ivec2' },
      { name: 'uN', type: 'float' },
      { name: 'uLog2nd', type: 'float' },
    ],
    userCode: `
void main() {
  ivec2 rc = getOutputCoords() / 2;
  int r = rc.x;
  int c = rc.y / 3;
  int k = imod(rc.y, 3);
  vec4 a = getA(2 * r, 2 * c);
  vec4 b = getB(2 * (r + uMargin.y), 2 * (c + uMargin.x));
  float rho;
  if (r >= uBandR.x && r <= uBandR.y) {
    rho = 0.0;
    for (int s = 0; s < 25; s++) rho = max(rho, getSR(2 * ((r - uBandR.x) * 25 + s), 2 * c).x);
  } else if (c >= uBandC.x && c <= uBandC.y) {
    rho = 0.0;
    for (int s = 0; s < 25; s++) rho = max(rho, getSC(2 * (r * 25 + s), 2 * (c - uBandC.x)).x);
  } else {
    rho = getR(2 * r, 2 * c).x;
  }
  if (k == 0) { setOutput(vec4(a.x, a.y, a.z, b.x)); return; }
  if (k == 1) { setOutput(vec4(b.y, b.z, b.w, rho)); return; }
  vec2 w = uOrigin + vec2(float(c), float(r)) * uStep;
  vec2 aw = abs(w);
  vec2 kap = uGE.x * aw + uGE.y;
  vec2 s = max(vec2(0.0), vec2(b.x, b.z) + rho * 1.41421356 * kap);
  vec2 tau = aw + kap;
  // Ψ = Σ log(1 + |w|/κ) + max(0, ½ log s + log κ)
  vec2 curv = vec2(s.x > 0.0 ? max(0.0, 0.5 * log(s.x) + log(kap.x)) : 0.0,
                   s.y > 0.0 ? max(0.0, 0.5 * log(s.y) + log(kap.y)) : 0.0);
  float psi = log(1.0 + aw.x / kap.x) + log(1.0 + aw.y / kap.y) + curv.x + curv.y;
  // σ* by the η fixed point of core/metrics.minimiseBound
  vec2 sig = kap;
  for (int it = 0; it < 12; it++) {
    float A = uLog2nd + log(tau.x / sig.x) + log(tau.y / sig.y);
    float eta = sqrt(8.0 * (uN - 1.0) * max(A, 1e-12));
    sig.x = s.x > 0.0 ? min(kap.x, inversesqrt(eta * s.x)) : kap.x;
    sig.y = s.y > 0.0 ? min(kap.y, inversesqrt(eta * s.y)) : kap.y;
  }
  float kl = uLog2nd + log(tau.x / sig.x) + log(tau.y / sig.y);
  float bound = a.x + 0.5 * (s.x * sig.x * sig.x + s.y * sig.y * sig.y) + sqrt(max(0.0, kl) / (2.0 * (uN - 1.0)));
  setOutput(vec4(psi, bound, sig.x, sig.y));
}`,
  };
}

/**
 * The test-loss pass: order-0 loss summed over samples [uJ0, uJ1) of X at four grid nodes per
 * texel, added to the partial sums P of the earlier samples (uFirst: none yet); the last slice
 * (uLast) divides by uN. Output logical [rows, cols], packed: the texel at even logical (r, c) holds
 * nodes (r, c), (r, c + 1), (r + 1, c), (r + 1, c + 1) of the tile, node (uRow0 + r, uCol0 + c) at
 * w = uOrigin + (col, row)·uStep. Same float32 care as the jets: stable sigmoid, softplus with
 * log1p by series, sums in blocks of SUM_BLOCK samples.
 */
export function testLossProgram(rows: number, cols: number): GPGPUProgram {
  return {
    variableNames: ['X', 'P'],
    outputShape: [rows, cols],
    packedInputs: true,
    packedOutput: true,
    enableShapeUniforms: true,
    customUniforms: [
      ...JET_UNIFORMS,
      { name: 'uOrigin', type: 'vec2' },
      { name: 'uStep', type: 'vec2' },
      { name: 'uRow0', type: 'int' },
      { name: 'uCol0', type: 'int' },
      { name: 'uJ0', type: 'int' },
      { name: 'uJ1', type: 'int' },
      { name: 'uFirst', type: 'int' },
      { name: 'uLast', type: 'int' },
    ],
    userCode: `${GLSL_COMMON}
vec4 sig4(vec4 a) {
  vec4 e = exp(-abs(a));
  vec4 sm = e / (1.0 + e);
  return mix(sm, 1.0 - sm, step(0.0, a));
}
vec4 log1p4(vec4 e) {
  vec4 series = e * (1.0 - e * (0.5 - e * (0.33333333 - e * (0.25 - e * 0.2))));
  return mix(series, log(1.0 + e), step(0.05, e));
}
void main() {
  ivec2 rc = getOutputCoords();
  vec4 row = float(uRow0 + rc.x) + vec4(0.0, 0.0, 1.0, 1.0);
  vec4 col = float(uCol0 + rc.y) + vec4(0.0, 1.0, 0.0, 1.0);
  vec4 w1 = uOrigin.x + col * uStep.x;
  vec4 w2 = uOrigin.y + row * uStep.y;
  vec4 S = uFirst == 1 ? vec4(0.0) : getP(rc.x, rc.y);
  for (int j0 = uJ0; j0 < uJ1; j0 += ${SUM_BLOCK}) {
    vec4 B = vec4(0.0);
    int j1 = min(j0 + ${SUM_BLOCK}, uJ1);
    for (int j = j0; j < j1; j++) {
      vec4 xd = sample_(j);
      vec4 h1 = vec4(xd.x), h2 = vec4(xd.y);
      for (int l = 1; l < uDepth; l++) {
        vec4 a1 = w1 * h1 + w2 * h2;
        vec4 a2 = w2 * h1 + w1 * h2;
        h1 = sig4(a1);
        h2 = sig4(a2);
      }
      vec4 q = xd.z * (w1 * h1 + w2 * h2);
      B += max(q, 0.0) + log1p4(exp(-abs(q)));
    }
    S += B;
  }
  setOutput(uLast == 1 ? S / float(uN) : S);
}`,
  };
}

/**
 * Joins two packed [rows, cols] tensors along an axis (A first, C from logical offset uOff on).
 * Used instead of tf.concat to join a pass's draw tiles: tfjs's concat bakes the parts' shapes
 * into its shader, so every new range compiled a new one (110–390 ms blocking the page); this
 * program uses shape uniforms and compiles once.
 */
export function stitchProgram(shape: [number, number]): GPGPUProgram {
  return {
    variableNames: ['A', 'C'],
    outputShape: shape,
    packedInputs: true,
    packedOutput: true,
    enableShapeUniforms: true,
    customUniforms: [
      { name: 'uAxis', type: 'int' },
      { name: 'uOff', type: 'int' },
    ],
    userCode: `
void main() {
  ivec2 rc = getOutputCoords();
  int k = uAxis == 0 ? rc.x : rc.y;
  if (k < uOff) setOutput(getA(rc.x, rc.y));
  else if (uAxis == 0) setOutput(getC(rc.x - uOff, rc.y));
  else setOutput(getC(rc.x, rc.y - uOff));
}`,
  };
}

/**
 * The layers of docs/ARCHITECTURE.md, checked over the whole import graph (indirect imports
 * included) by `npm run lint:deps` (part of `npm run lint`, so of `npm test`).
 *
 *   core/     pure float64 TS: imports only core/ (no tfjs, three, react, zustand)
 *   compute/  tfjs + core/: reports through return values and callbacks
 *   state/    zustand + core/: parameters and buffers
 *   app/      the wiring: the only layer that imports both compute/ and state/
 *   scene/    r3f: reads state and buffers; never reaches compute/ or tfjs, even through app/
 *   ui/       DOM panels: never imports compute/ or tfjs itself
 *
 * scene/ and ui/ change things through app/actions/ only (scene/: its index, free of compute/; ui/:
 * also its training and data modules), never through the rest of app/ (the scheduler, start-up,
 * export…).
 * Type-only imports count like any other.
 */
const npm = (...names) => `^node_modules/(${names.join('|')})/`;
const TESTS = '\\.test\\.tsx?$';
const TFJS = '^node_modules/@tensorflow/';
const RENDER = npm('three', 'three-stdlib', '@react-three/[^/]+', 'react', 'react-dom');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core/ is pure float64 TypeScript: it imports core/ only (no tfjs, three, react, zustand, no other layer).',
      severity: 'error',
      from: { path: '^src/core/', pathNot: TESTS },
      to: { pathNot: ['^src/core/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'compute-reports-by-return',
      comment: 'compute/ imports core/ and tfjs only; it reports through return values and callbacks (no state, app, scene, ui; no three, react, zustand).',
      severity: 'error',
      from: { path: '^src/compute/', pathNot: TESTS },
      to: { path: ['^src/(state|app|scene|ui)/', RENDER, npm('zustand')] },
    },
    {
      name: 'state-holds-parameters',
      comment: 'state/ holds parameters and buffers: zustand and core/ only (no compute, app, scene, ui; no tfjs, three).',
      severity: 'error',
      from: { path: '^src/state/', pathNot: TESTS },
      to: { path: ['^src/(compute|app|scene|ui)/', TFJS, npm('three', 'three-stdlib', '@react-three/[^/]+')] },
    },
    {
      name: 'scene-never-reaches-compute',
      comment: 'scene/ never imports compute/ or tfjs, directly or through any other module (app/ included).',
      severity: 'error',
      from: { path: '^src/scene/' },
      to: { path: '^src/compute/', reachable: true },
    },
    {
      name: 'ui-never-imports-compute',
      comment: 'ui/ never imports compute/ or tfjs itself (it calls app actions, which do).',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: ['^src/compute/', TFJS] },
    },
    {
      name: 'scene-changes-through-actions',
      comment: 'scene/ changes things through app/actions/index.ts only.',
      severity: 'error',
      from: { path: '^src/scene/' },
      to: { path: '^src/app/', pathNot: '^src/app/actions/index\\.ts$' },
    },
    {
      name: 'ui-changes-through-actions',
      comment: 'ui/ changes things through app/actions/ only.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/app/', pathNot: '^src/app/actions/' },
    },
    {
      name: 'tfjs-only-in-compute',
      comment: "TensorFlow.js is imported by compute/ alone (through compute/tf.ts), so no other layer can reach it but through compute/.",
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/compute/'] },
      to: { path: TFJS },
    },
    {
      name: 'worker-engine-without-tfjs',
      comment: 'The worker grid engine (cpuEngine.ts, gridWorker.ts) runs core/ jets: it never reaches TensorFlow.js, directly or through another compute/ module (what it shares with the WebGL engine is in engineJob.ts).',
      severity: 'error',
      from: { path: '^src/compute/(cpuEngine|gridWorker|engineJob)\\.ts$' },
      to: { path: [TFJS, '^src/compute/(tf|webglEngine)\\.ts$'], reachable: true },
    },
    {
      name: 'tfjs-through-compute-tf',
      comment: 'compute/ takes TensorFlow.js values from compute/tf.ts (which registers only the kernels used); type-only imports and the lazily loaded WASM backend aside.',
      severity: 'error',
      from: { path: '^src/compute/', pathNot: ['^src/compute/tf\\.ts$'] },
      to: { path: TFJS, pathNot: '^node_modules/@tensorflow/tfjs-backend-wasm/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    includeOnly: ['^src/', '^node_modules/'],
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

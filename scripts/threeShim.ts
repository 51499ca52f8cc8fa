/**
 * Build plugin: @react-three/fiber's `import * as THREE from 'three'` resolves to
 * src/scene/threeShim.ts (the classes r3f and the scene use), so the namespace r3f extends its
 * JSX catalogue with does not keep all of three.js in the bundle. Every other importer of 'three'
 * (the shim itself included) gets the real package.
 */
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

export const THREE_SHIM = fileURLToPath(new URL('../src/scene/threeShim.ts', import.meta.url));
const R3F = /[\\/]node_modules[\\/]@react-three[\\/]fiber[\\/]/;

export function threeShimPlugin(): Plugin {
  return {
    name: 'pacscape-three-shim',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'three' && importer && R3F.test(importer)) return THREE_SHIM;
      return null;
    },
  };
}

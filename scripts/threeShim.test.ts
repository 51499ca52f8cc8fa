import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import * as THREE from 'three';
import * as shim from '../src/scene/threeShim';

const R3F_DIST = 'node_modules/@react-three/fiber/dist';
/** drei's components the scene mounts (their own JSX elements count too). */
const DREI = ['node_modules/@react-three/drei/web/Html.js', 'node_modules/@react-three/drei/core/Line.js', 'node_modules/@react-three/drei/core/OrbitControls.js'];
const pascal = (tag: string) => tag[0].toUpperCase() + tag.slice(1);
const exported = new Set(Object.keys(shim));

describe('the three.js namespace r3f is given (src/scene/threeShim.ts)', () => {
  it('has every THREE.X that r3f’s build reads', () => {
    const used = new Set<string>();
    for (const f of readdirSync(R3F_DIST).filter((f) => f.endsWith('.esm.js'))) for (const m of readFileSync(`${R3F_DIST}/${f}`, 'utf8').matchAll(/\bTHREE\.([A-Za-z_$][\w$]*)/g)) used.add(m[1]);
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((n) => !exported.has(n))).toEqual([]);
  });

  it('has the class of every JSX element the scene and its drei components mount', () => {
    const tags = new Set<string>();
    for (const f of readdirSync('src/scene').filter((f) => f.endsWith('.tsx'))) for (const m of readFileSync(`src/scene/${f}`, 'utf8').matchAll(/<([a-z][A-Za-z0-9]*)[\s/>]/g)) tags.add(m[1]);
    for (const f of DREI) for (const m of readFileSync(f, 'utf8').matchAll(/createElement\("([a-z][A-Za-z0-9]*)"/g)) tags.add(m[1]);
    // An r3f element is one whose PascalCase name is a three.js export (div, span… are DOM).
    const three = [...tags].filter((t) => pascal(t) in THREE);
    expect(three).toContain('mesh');
    expect(three.map(pascal).filter((n) => !exported.has(n))).toEqual([]);
  });

  it('re-exports three’s own classes (no copies)', () => {
    for (const n of exported) expect((shim as Record<string, unknown>)[n], n).toBe((THREE as Record<string, unknown>)[n]);
  });
});

/**
 * three.js's console, through its own hook (`setConsoleFunction`): everything passes to the
 * browser console unchanged except deprecation notices about dependencies' use of three that the
 * app cannot change. @react-three/fiber 9 builds its frame clock with `THREE.Clock`, which three
 * r183+ marks deprecated on construction; the app itself never creates one.
 */
import { setConsoleFunction } from 'three';

/** Messages from dependencies' (not the app's) use of deprecated three.js APIs. */
export const DEPENDENCY_DEPRECATIONS: readonly RegExp[] = [/^THREE\.Clock: This module has been deprecated/];

/** Installs the filter (idempotent). */
export function installThreeConsole(): void {
  setConsoleFunction((type, message, ...params) => {
    if (type === 'warn' && DEPENDENCY_DEPRECATIONS.some((r) => r.test(message))) return;
    console[type](message, ...params);
  });
}

installThreeConsole();

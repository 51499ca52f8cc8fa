/**
 * The data actions ui/ may call (load a preset, apply the generator); they live in
 * app/dataActions.ts, the one loader the UI, the API, links and start-up share. This module is
 * their entrance for ui/ (see actions/index.ts).
 */
export { applyGenerator, loadPreset } from '../dataActions';

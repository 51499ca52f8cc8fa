/**
 * The 3-D scene's own colours per page theme (the DOM follows CSS; WebGL needs them as values):
 * the background, the axes and the base grid. The light theme is the projector theme: white
 * ground, near-black lines.
 */
import { useStore } from '../state/store';
import type { ThemeId } from '../core/urlCodec';

export interface SceneColors {
  background: string;
  axis: string;
  grid: string;
  gridOpacity: number;
}

export const SCENE_COLORS: Record<ThemeId, SceneColors> = {
  dark: { background: '#0d1117', axis: '#c9d3e6', grid: '#ffffff', gridOpacity: 0.22 },
  light: { background: '#ffffff', axis: '#1a1f2b', grid: '#1a1f2b', gridOpacity: 0.3 },
};

/** The scene colours of the current theme. */
export function useSceneColors(): SceneColors {
  return SCENE_COLORS[useStore((s) => s.theme)];
}

/**
 * The state of one mounted landscape view that its components share outside React's state: whether
 * the user or a compute is interacting (light mode, pixel ratio) and the hover point. LandscapeView
 * makes it when it mounts and disposes it when it unmounts; its components (inside the <Canvas>
 * too: r3f bridges React contexts into it) read it through `useSceneState()`, never from module
 * scope.
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import { createInteraction, type Interaction } from './interaction';
import { createHover, type Hover, type HoverPoint } from './hover';

export interface SceneState {
  interaction: Interaction;
  hover: Hover;
  dispose: () => void;
}

export function createSceneState(): SceneState {
  const interaction = createInteraction();
  const hover = createHover();
  return {
    interaction,
    hover,
    dispose: () => {
      hover.dispose();
      interaction.dispose();
    },
  };
}

export const SceneStateContext = createContext<SceneState | null>(null);

/** The state of the landscape view this component is in (scene/LandscapeView provides it). */
export function useSceneState(): SceneState {
  const s = useContext(SceneStateContext);
  if (!s) throw new Error('useSceneState: no scene state (render inside scene/LandscapeView)');
  return s;
}

/** React hook: the hover point (re-renders when it moves). */
export function useHover(): HoverPoint | null {
  const { hover } = useSceneState();
  return useSyncExternalStore(hover.subscribe, hover.current);
}

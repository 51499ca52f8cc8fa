/**
 * The guided story's step-7 result (app/storyRuns fills it): progress of the seeds in flight, the
 * summary of where they ended and their endpoints (drawn on the surface by scene/StoryMarks).
 */
import { create } from 'zustand';
import type { RunEndpoint, RunsFacts } from '../core/storyFacts';
import { useStore } from './store';

export interface StoryRunsState {
  /** Identifies the landscape and start the result belongs to. */
  key: string | null;
  progress: number | null;
  error: string | null;
  facts: RunsFacts | null;
  endpoints: RunEndpoint[];
}

export const useStoryRuns = create<StoryRunsState>(() => ({ key: null, progress: null, error: null, facts: null, endpoints: [] }));

/** The key of a start on the current landscape (data, model): results of another key are stale. */
export function storyRunsKey(start: readonly [number, number]): string {
  const s = useStore.getState();
  return `${s.dataVersion}|${s.depth}|${s.gamma}|${s.eps}|${s.delta}|${start[0]},${start[1]}`;
}


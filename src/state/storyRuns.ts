/**
 * The guided story's step-7 result (app/storyRuns fills it): progress of the seeds in flight, the
 * summary of where they ended and their endpoints (drawn on the surface by scene/StoryMarks).
 */
import { create } from 'zustand';
import type { RunEndpoint, RunsFacts } from '../core/storyFacts';

export interface StoryRunsState {
  /** Identifies the landscape and start the result belongs to. */
  key: string | null;
  progress: number | null;
  error: string | null;
  facts: RunsFacts | null;
  endpoints: RunEndpoint[];
}

export const useStoryRuns = create<StoryRunsState>(() => ({ key: null, progress: null, error: null, facts: null, endpoints: [] }));

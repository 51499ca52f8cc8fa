/**
 * The guided story: seven steps told from the live numbers of the current view (core/storyFacts
 * gathers them, core/storyText words them), on whatever data set, depth, γ and ε are loaded. Each
 * step sets a view (field, bound plane, marker, pins — positions looked up from the minima by
 * their character, never fixed coordinates), highlights what it talks about and scrolls to the
 * panel it refers to (StoryPointer), and its card is placed clear of those objects.
 * The step number is part of the URL (`story=3`); next/previous: Page Down / Page Up (presentation
 * clickers send these), `n`, `]` / `[`, or the buttons.
 */
import { trJoin } from '../core/words';
import { useEffect, useRef } from 'react';
import { useStore, type AppState } from '../state/store';
import { applyViewState } from '../state/urlSync';
import type { ViewState } from '../core/urlCodec';
import { cachedTestSample } from '../core/reconstruct';
import { gatherStoryFacts, type StoryFacts } from '../core/storyFacts';
import { STORY_RUNS_PER_METHOD, STORY_STEP_COUNT, englishStory, storySteps, storyStepText, type StoryStepText } from '../core/storyText';
import { storyRunsKey, useStoryRuns, type StoryRunsState } from '../state/storyRuns';
import { cancelStoryRuns, runStoryRuns } from '../app/actions/training';
import { StoryPointer } from './StoryPointer';
import { useExperiments } from '../state/experiments';
import { t, tx, txm, useT } from '../i18n';
import { markColorVars } from '../scene/markColors';
import './story.css';

/** The number of steps (the shortcut registry and the progress bar read it). */
export const STORY_STEPS: readonly unknown[] = Array.from({ length: STORY_STEP_COUNT });

let cache: { key: unknown[]; facts: StoryFacts } | null = null;

/** The inputs the facts depend on (identity-compared). */
function factInputs(s: AppState, runs: StoryRunsState): unknown[] {
  return [s.dataset, s.depth, s.gamma, s.eps, s.delta, s.minima, s.testSize, s.testSeed, s.fieldRanges.loss, runs];
}

/** The story's facts for the view now shown (cached until one of its inputs changes). */
export function storyFactsNow(s: AppState = useStore.getState(), runs: StoryRunsState = useStoryRuns.getState()): StoryFacts | null {
  if (!s.dataset) return null;
  const key = factInputs(s, runs);
  if (cache && cache.key.length === key.length && cache.key.every((v, i) => v === key[i])) return cache.facts;
  const range = s.fieldRanges.loss;
  const base = gatherStoryFacts({
    sample: s.dataset,
    dataName: s.dataset.name,
    params: { depth: s.depth, gamma: s.gamma, eps: s.eps, delta: s.delta },
    minima: s.minima,
    test: cachedTestSample(s.dataset, s.testSize, s.testSeed),
    lossRange: range && Number.isFinite(range.min) && Number.isFinite(range.max) ? [range.min, range.max] : null,
    experimentsView: true,
  });
  // A result belongs to one landscape and start; any other is stale and not told.
  const fresh = base.start && runs.key === storyRunsKey(base.start);
  const facts: StoryFacts = { ...base, runs: fresh ? runs.facts : null, runsProgress: fresh ? runs.progress : null, runsError: fresh && runs.error ? txm(runs.error) : null };
  cache = { key, facts };
  return facts;
}

/** The steps for the view now shown (null before data). */
export function storyStepsNow(): StoryStepText[] | null {
  const f = storyFactsNow();
  return f ? storySteps(f, tx) : null;
}

/** `pacscape.storyText(n)`: the rendered text of step n for the current view (in the interface language, or English with `lang` 'en'), or null. */
export function storyTextNow(n: number, lang?: 'en'): string | null {
  const f = storyFactsNow();
  return f ? storyStepText(f, n, lang === 'en' ? englishStory : tx) : null;
}

/** The view step `n` sets for these facts. */
function stepView(step: StoryStepText, f: StoryFacts): Partial<ViewState> {
  const v: Partial<ViewState> = { field: step.view.field, showBoundPlane: step.view.showBoundPlane };
  const at = step.view.marker === 'low' ? f.low?.w : step.view.marker === 'other' ? f.other?.w : step.view.marker === 'start' ? f.start : null;
  if (at) v.marker = [at[0], at[1]];
  v.pins = step.view.pinMinima ? [f.low?.w, f.other?.w].filter((w): w is [number, number] => !!w).map((w) => [w[0], w[1]] as [number, number]) : [];
  return v;
}

/** Sets the view of the open step (again, e.g. when the minima of a new grid arrive). */
function applyStepView(n: number): void {
  const f = storyFactsNow();
  if (!f) return;
  const step = storySteps(f)[n - 1];
  const { messages } = applyViewState(stepView(step, f));
  if (messages.length) useStore.getState().notify({ kind: 'error', text: trJoin(messages, ' ') });
}

/**
 * Opens the story at step `n` (an integer from 1 to STORY_STEP_COUNT) and sets that step's view.
 * Anything else is refused with a message (and returns false); it never throws.
 */
export function goToStoryStep(n: number): boolean {
  const st = useStore.getState();
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > STORY_STEP_COUNT) {
    st.notify({ kind: 'error', text: t('There is no story step {{n}}: the story has steps 1 to {{count}}.', { n: String(n), count: STORY_STEP_COUNT }) });
    return false;
  }
  st.setLayout({ storyStep: n });
  applyStepView(n);
  return true;
}

/** Moves the open story by `delta` steps (opens it at step 1 when closed). */
export function storyStepBy(delta: number): void {
  const cur = useStore.getState().storyStep;
  if (cur === null) {
    goToStoryStep(1);
    return;
  }
  const next = cur + delta;
  if (next < 1 || next > STORY_STEP_COUNT) return;
  goToStoryStep(next);
}

/** Opens the story at its first step, or closes it. */
export function toggleStory(): void {
  if (useStore.getState().storyStep === null) goToStoryStep(1);
  else useStore.getState().setLayout({ storyStep: null });
}

/** Starts (or cancels) the step-7 seeds for the facts now shown. */
function toggleRuns(f: StoryFacts): void {
  if (f.runsProgress !== null) {
    cancelStoryRuns();
    return;
  }
  if (!f.start || !f.low || !f.other) return;
  void runStoryRuns(f.start, f.low.w, f.other.w);
}

/** Closes the story and opens the Experiments view (which holds the step-7 runs right after them). */
function openExperimentsView(): void {
  useStore.getState().setLayout({ storyStep: null });
  useExperiments.getState().set({ open: true });
}

/**
 * The facts for rendering: re-derived whenever one of their inputs changes, and only while a
 * step is open (the card renders nothing otherwise). Every minimum's point report and test loss
 * at n = 1000 took 60–380 ms in this render after each new grid, with the story closed.
 */
function useStoryFacts(open: boolean): StoryFacts | null {
  useStore((s) => s.dataset);
  useStore((s) => s.minima);
  useStore((s) => s.depth + s.gamma + s.eps + s.delta + s.testSize + s.testSeed);
  useStore((s) => s.fieldRanges.loss);
  useStoryRuns();
  return open ? storyFactsNow() : null;
}

/** Re-applies the open step's view when the minima it points at change (a new grid, a link). */
function useReapplyOnMinima(step: number | null, f: StoryFacts | null) {
  const roles = f ? `${f.low?.w.join()}|${f.other?.w.join()}` : '';
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (step === null) {
      last.current = null;
      return;
    }
    const key = `${step}|${roles}`;
    if (last.current !== null && last.current.startsWith(`${step}|`) && last.current !== key) applyStepView(step);
    last.current = key;
  }, [step, roles]);
}

/** The story card: the step's title and text, step counter, previous/next/close buttons. */
export function Story() {
  const step = useStore((s) => s.storyStep);
  const f = useStoryFacts(step !== null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const cardRef = useRef<HTMLElement>(null);
  const t = useT();
  useReapplyOnMinima(step, f);
  useEffect(() => {
    // Move focus to the new step's heading only when focus was inside the card (keyboard users).
    if (step !== null && headingRef.current && headingRef.current.closest('.story')?.contains(document.activeElement)) headingRef.current.focus();
  }, [step]);
  if (step === null || !f) return null;
  const n = STORY_STEP_COUNT;
  const s = storySteps(f, tx)[Math.min(n, Math.max(1, step)) - 1];
  const running = f.runsProgress !== null;
  return (
    <>
      <section ref={cardRef} className="story" style={markColorVars} aria-label={t('Guided story')} aria-roledescription={t('guided story')} data-step={s.id}>
        <div className="story-progress" aria-hidden="true">
          {STORY_STEPS.map((_, i) => (
            <span key={i} className={i + 1 === step ? 'on' : i + 1 < step ? 'done' : ''} />
          ))}
        </div>
        <p className="story-count">
          {t('Step {{step}} of {{n}}', { step, n })}
        </p>
        <h2 ref={headingRef} tabIndex={-1} aria-live="polite">
          {s.title}
        </h2>
        <div className="story-text" data-testid="story-text">
          {s.lead.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
          {s.table && (
            <table className="story-table">
              <thead>
                <tr>
                  <th />
                  {s.table.head.map((h, i) => (
                    <th key={i} scope="col" className={s.id !== 'training' ? (i === 0 ? 'story-low' : 'story-other') : undefined}>
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {s.table.rows.map((r) => (
                  <tr key={r.label}>
                    <th scope="row">{r.label}</th>
                    {r.cells.map((c, i) => (
                      <td key={i}>{c}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {s.notes.length > 0 && (
            <details className="story-notes">
              <summary>{t('What these are')}</summary>
              {s.notes.map((p, i) => (
                <p key={i}>{p}</p>
              ))}
            </details>
          )}
        </div>
        {s.action === 'runs' && f.start && (
          <div className="story-actions">
            <button type="button" className="story-action" onClick={() => toggleRuns(f)} data-testid="story-runs">
              {running ? t('Cancel ({{pct}}%)', { pct: Math.round(100 * (f.runsProgress ?? 0)) }) : f.runs ? t('Run the {{k}} + {{k}} seeds again', { k: STORY_RUNS_PER_METHOD }) : t('Run {{k}} + {{k}} seeds', { k: STORY_RUNS_PER_METHOD })}
            </button>
            {running && <progress max={1} value={f.runsProgress ?? 0} aria-label={t('Runs done')} />}
            {!running && (
              <button type="button" className="story-link" onClick={openExperimentsView} data-testid="story-experiments">
                {t('Open the Experiments view')}
              </button>
            )}
          </div>
        )}
        <div className="story-nav">
          <button type="button" onClick={() => storyStepBy(-1)} disabled={step <= 1} aria-label={t('Previous step (Page Up)')}>
            {t('← Previous')}
          </button>
          <button type="button" onClick={() => storyStepBy(1)} disabled={step >= n} aria-label={t('Next step (Page Down)')}>
            {t('Next →')}
          </button>
          <button type="button" className="story-close" onClick={() => useStore.getState().setLayout({ storyStep: null })} aria-label={t('Close the story (Esc)')}>
            {t('Close')}
          </button>
        </div>
      </section>
      <StoryPointer step={s} facts={f} cardRef={cardRef} />
    </>
  );
}

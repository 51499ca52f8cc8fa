/**
 * The guided story of the paper's toy figure (Wang et al. 2018, Fig. 1): seven steps, each with a
 * short text and the view it sets (field, bound plane, marker, pins, camera). The step number is
 * part of the URL (`story=3`), so a teacher can link a step and the back button walks the steps.
 * Next/previous: Page Down / Page Up (presentation clickers send these), `n`, `]` / `[`, or the buttons.
 */
import { useEffect, useRef } from 'react';
import { useStore } from '../state/store';
import { applyViewState } from '../state/urlSync';
import { V1_DEFAULTS, type ViewState } from '../core/urlCodec';

/** The sharp global minimum and the flat local minimum of the paper-toy data (reference file). */
export const SHARP_MIN: [number, number] = [2.6634, -1.5684];
export const FLAT_MIN: [number, number] = [0.4773, 0.4773];

export interface StoryStep {
  title: string;
  /** Two to four short sentences a student can read from the back row. */
  text: string;
  /** The view this step sets (keys left out keep their current value). */
  view: Partial<ViewState>;
  /** An optional thing to do on the step (runs only on a click). */
  action?: { label: string; run: () => Promise<unknown> | void };
}

type Api = { train?: (o: Record<string, unknown>) => Promise<unknown>; clearRuns?: () => void };
const api = (): Api => (typeof window !== 'undefined' ? ((window as unknown as { pacscape?: Api }).pacscape ?? {}) : {});

const BASE: Partial<ViewState> = {
  data: { kind: 'preset', id: 'paper-toy' },
  depth: 5,
  gamma: 0.1,
  eps: 0.1,
  delta: 0.05,
  w1Range: [V1_DEFAULTS.w1Range[0], V1_DEFAULTS.w1Range[1]],
  w2Range: [V1_DEFAULTS.w2Range[0], V1_DEFAULTS.w2Range[1]],
  topDown: false,
  heightScale: 'linear',
  camera: null,
};

export const STORY_STEPS: StoryStep[] = [
  {
    title: 'A loss landscape you can hold',
    text: 'A depth-5 sigmoid network whose layers all share two weights, w₁ and w₂, is fit to 100 points of a three-component Gaussian mixture. Every point of this surface is one network; its height is the training loss L̂(w). Drag to orbit; drag the marker to move over it.',
    view: { ...BASE, field: 'loss', showBoundPlane: false, marker: SHARP_MIN, pins: [] },
  },
  {
    title: 'Two minima: sharp and flat',
    text: 'The landscape has two valleys. The global minimum (w ≈ 2.66, −1.57) fits the training data best (loss 0.558) but sits in a narrow, sharp valley. The local minimum (w ≈ 0.48, 0.48) has a higher loss (0.647) but a wide, flat valley. Which one will generalize?',
    view: { ...BASE, field: 'loss', showBoundPlane: false, marker: SHARP_MIN, pins: [SHARP_MIN, FLAT_MIN] },
  },
  {
    title: 'Colour by Ψ: the PAC-Bayes sharpness',
    text: 'Ψ(w) = Σᵢ log(τᵢ / σ°ᵢ) combines the curvature Hᵢᵢ, the smoothness ρ of the Hessian and the scale |wᵢ| of the weights. Lower Ψ predicts better generalization: the flat minimum has Ψ ≈ 2.88, the sharp global one Ψ ≈ 4.07. Far from the minima the scale term dominates.',
    view: { ...BASE, field: 'psi', showBoundPlane: false, marker: FLAT_MIN, pins: [SHARP_MIN, FLAT_MIN] },
  },
  {
    title: 'The bound plane',
    text: 'The plane below the surface is coloured by the approximate PAC-Bayes bound on the test loss: training loss + a curvature penalty + a complexity term. Here the bound is 0.84 at the sharp minimum and 0.89 at the flat one: the bound still weighs the training loss, while Ψ isolates sharpness and scale. Move the marker and watch the three parts change in the inspector.',
    view: { ...BASE, field: 'bound', showBoundPlane: true, marker: FLAT_MIN, pins: [SHARP_MIN, FLAT_MIN] },
  },
  {
    title: 'σ*: how much noise a minimum tolerates',
    text: 'The box around the marker is the optimal perturbation σ*, the noise that minimises the bound. At the flat minimum σ* ≈ (0.148, 0.148); at the sharp minimum it shrinks to ≈ (0.104, 0.099). A flat minimum tolerates larger perturbations of its weights: that is what "flat" means here.',
    view: { ...BASE, field: 'psi', showBoundPlane: true, marker: SHARP_MIN, pins: [SHARP_MIN, FLAT_MIN] },
  },
  {
    title: 'Model reconstruction',
    text: 'What do the two networks predict? The decision view shows the predicted probability p(x) at the pinned points on the training data and on a fresh sample of the same mixture. Compare the two boundaries with the true labels, and the train and test accuracy in the pin table: the generalization gap is the paper’s point.',
    view: { ...BASE, field: 'psi', showBoundPlane: true, marker: FLAT_MIN, pins: [SHARP_MIN, FLAT_MIN] },
  },
  {
    title: 'Perturbed training',
    text: 'The paper\u2019s perturbed optimization adds noise of size σ* to the weights before each gradient step. Started from the same point with the same seed, plain gradient descent rolls into the nearest valley, while the noise lets the perturbed run feel the width of the valleys around it. Press "Run both" and compare where the two paths end.',
    view: { ...BASE, field: 'psi', showBoundPlane: true, marker: [1.8, -0.6], pins: [SHARP_MIN, FLAT_MIN] },
    action: {
      label: 'Run both (plain and perturbed)',
      run: async () => {
        const a = api();
        if (!a.train) throw new Error('training is not available yet');
        const start = [1.8, -0.6];
        await Promise.all([a.train({ start, method: 'gd', steps: 300, seed: 1 }), a.train({ start, method: 'perturbed', steps: 300, seed: 1 })]);
      },
    },
  },
];

/** Opens the story at step `n` (1-based, clamped) and sets that step's view. */
export function goToStoryStep(n: number): void {
  const step = Math.min(STORY_STEPS.length, Math.max(1, Math.round(n)));
  const st = useStore.getState();
  const { messages } = applyViewState(STORY_STEPS[step - 1].view);
  st.setLayout({ storyStep: step });
  if (messages.length) st.notify({ kind: 'error', text: messages.join(' ') });
}

/** Moves the open story by `delta` steps (opens it at step 1 when closed). */
export function storyStepBy(delta: number): void {
  const cur = useStore.getState().storyStep;
  if (cur === null) return goToStoryStep(1);
  const next = cur + delta;
  if (next < 1 || next > STORY_STEPS.length) return;
  goToStoryStep(next);
}

/** Opens the story at its first step, or closes it. */
export function toggleStory(): void {
  if (useStore.getState().storyStep === null) goToStoryStep(1);
  else useStore.getState().setLayout({ storyStep: null });
}

/** The story card: the step's title and text, step counter, previous/next/close buttons. */
export function Story() {
  const step = useStore((s) => s.storyStep);
  const notify = useStore((s) => s.notify);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // Move focus to the new step's heading only when focus was inside the card (keyboard users).
    if (step !== null && headingRef.current && headingRef.current.closest('.story')?.contains(document.activeElement)) headingRef.current.focus();
  }, [step]);
  if (step === null) return null;
  const s = STORY_STEPS[Math.min(STORY_STEPS.length, step) - 1];
  const n = STORY_STEPS.length;
  return (
    <section className="story" aria-label="Guided story" aria-roledescription="guided story">
      <div className="story-progress" aria-hidden="true">
        {STORY_STEPS.map((_, i) => (
          <span key={i} className={i + 1 === step ? 'on' : i + 1 < step ? 'done' : ''} />
        ))}
      </div>
      <p className="story-count">
        Step {step} of {n}
      </p>
      <h2 ref={headingRef} tabIndex={-1} aria-live="polite">
        {s.title}
      </h2>
      <p className="story-text">{s.text}</p>
      {s.action && (
        <button
          type="button"
          className="story-action"
          onClick={() => {
            Promise.resolve()
              .then(() => s.action!.run())
              .catch((e: unknown) => notify({ kind: 'error', text: `Could not run the step: ${(e as Error).message}.` }));
          }}
        >
          {s.action.label}
        </button>
      )}
      <div className="story-nav">
        <button type="button" onClick={() => storyStepBy(-1)} disabled={step <= 1} aria-label="Previous step (Page Up)">
          ← Previous
        </button>
        <button type="button" onClick={() => storyStepBy(1)} disabled={step >= n} aria-label="Next step (Page Down)">
          Next →
        </button>
        <button type="button" className="story-close" onClick={() => useStore.getState().setLayout({ storyStep: null })} aria-label="Close the story (Esc)">
          Close
        </button>
      </div>
    </section>
  );
}

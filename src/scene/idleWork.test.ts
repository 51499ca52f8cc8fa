import { describe, expect, it } from 'vitest';
import { createIdleWork } from './idleWork';
import { SLICE_MS } from '../core/slices';

const until = (f: () => boolean) =>
  new Promise<void>((resolve) => {
    const t = setInterval(() => {
      if (f()) {
        clearInterval(t);
        resolve();
      }
    }, 2);
  });

describe('idleWork', () => {
  const { pending: idleWorkPending, onDone: onIdleWorkDone, runSliced } = createIdleWork();
  it('runs a job in slices of about SLICE_MS and reports when all work is done', async () => {
    let steps = 0;
    let done = 0;
    const off = onIdleWorkDone(() => done++);
    runSliced(
      'a',
      (function* () {
        for (let i = 0; i < 40; i++) {
          const t = performance.now();
          while (performance.now() - t < 1);
          steps++;
          yield;
        }
      })(),
    );
    expect(steps).toBe(0);
    expect(idleWorkPending()).toBe(true);
    // The first slice runs in its own task and stops before the next step would pass SLICE_MS (1 ms steps).
    await new Promise((r) => setTimeout(r, 0));
    expect(steps).toBeGreaterThan(0);
    expect(steps).toBeLessThanOrEqual(SLICE_MS + 1);
    await until(() => !idleWorkPending());
    off();
    expect(steps).toBe(40);
    expect(done).toBe(1);
  });

  it('a newer job under the same key cancels the older one', async () => {
    const ran: string[] = [];
    const job = (name: string) =>
      (function* () {
        yield;
        ran.push(name);
      })();
    runSliced('k', job('old'));
    runSliced('k', job('new'));
    await until(() => !idleWorkPending());
    expect(ran).toEqual(['new']);
  });
});

import { describe, expect, it } from 'vitest';
import { createRng } from './rng';
import { epochOrder, mulberryOutput, mulHigh, MULBERRY_INC, TrainStream } from './trainStream';

describe('trainStream random access (what the ensemble program computes on the GPU)', () => {
  it('mulberryOutput at seed + i·INC is the i-th uniform of core/rng', () => {
    for (const seed of [0, 1, 17, 0xdeadbeef, 4294967295]) {
      const rng = createRng(seed);
      for (let i = 1; i <= 50; i++) expect(mulberryOutput((seed >>> 0) + i * MULBERRY_INC) / 4294967296).toBe(rng.uniform());
    }
  });

  it('a perturbed run resumed at (uniforms drawn, spare held) continues its stream exactly (the GPU noise hands runs over so)', () => {
    const sigma: [number, number] = [0.3, 0.05], kappa: [number, number] = [0.4, 0.06];
    for (const seed of [3, 0xdeadbeef]) {
      // Count the uniforms by wrapping the generator TrainStream uses: replay the same draws.
      const ref = new TrainStream(seed, 100);
      const seq: [number, number][] = [];
      for (let i = 0; i < 200; i++) seq.push(ref.perturbation(sigma, kappa));
      // Stand-alone generator with a counter: where the stream stands after each step.
      let count = 0;
      const base = createRng(seed);
      const counted = { uniform: () => (count++, base.uniform()), normal: () => 0 };
      let spare: number | null = null;
      const normal = () => {
        if (spare !== null) {
          const s = spare;
          spare = null;
          return s;
        }
        let u = counted.uniform();
        while (u <= 1e-300) u = counted.uniform();
        const v = counted.uniform();
        const r = Math.sqrt(-2 * Math.log(u));
        spare = r * Math.sin(2 * Math.PI * v);
        return r * Math.cos(2 * Math.PI * v);
      };
      const trunc = (sd: number, lim: number) => {
        for (let i = 0; i < 1000; i++) {
          const u = normal() * sd;
          if (u >= -lim && u <= lim) return u;
        }
        return 0;
      };
      let spares = 0;
      for (let i = 0; i < 200; i++) {
        expect([trunc(sigma[0], kappa[0]), trunc(sigma[1], kappa[1])]).toEqual(seq[i]);
        {
          if (spare !== null) spares++;
          const resumed = new TrainStream(seed, 100, { count, spare: spare !== null });
          for (let j = i + 1; j < Math.min(200, i + 20); j++) expect(resumed.perturbation(sigma, kappa)).toEqual(seq[j]);
        }
      }
      // Rejections happened (κ is about 1.3 σ), and resumptions with a spare held were checked.
      expect(count).toBeGreaterThan(440);
      expect(spares).toBeGreaterThan(10);
    }
  });

  it('mulHigh(t, m) = ⌊(t / 2³²)·m⌋ exactly, up to m = 2¹⁶', () => {
    const rng = createRng(5);
    for (let i = 0; i < 20000; i++) {
      const t = Math.floor(rng.uniform() * 4294967296);
      const m = 1 + Math.floor(rng.uniform() * 65536);
      expect(mulHigh(t, m)).toBe(Math.floor((t / 4294967296) * m));
    }
    for (const t of [0, 1, 65535, 65536, 4294967295, 4294901760]) for (const m of [1, 2, 99, 100, 65535, 65536]) expect(mulHigh(t, m)).toBe(Math.floor((t / 4294967296) * m));
  });

  it('epochOrder gives the mini-batches TrainStream draws, epoch by epoch, across epoch boundaries', () => {
    for (const [seed, n, batch] of [
      [4, 100, 16],
      [11, 100, 32],
      [123456789, 7, 3],
      [0xffffffff, 200, 64],
    ]) {
      const s = new TrainStream(seed, n);
      const drawn = s.nextBatch(batch * 40) as Int32Array;
      for (let e = 0; e * n < drawn.length; e++) {
        const o = epochOrder(seed, n, e);
        for (let j = 0; j < n && e * n + j < drawn.length; j++) expect(drawn[e * n + j], `seed ${seed} epoch ${e} position ${j}`).toBe(o[j]);
      }
    }
  });
});

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

import { describe, expect, it } from 'vitest';
import { separate, type Placed } from './labels';

const tag = (x: number, y: number, w = 100, h = 30, hidden = false): Placed => ({ el: {} as HTMLElement, hidden, x, y, w, h });
const overlap = (p: Placed, q: Placed) => Math.abs(p.x - q.x) < (p.w + q.w) / 2 && p.y - p.h < q.y && p.y > q.y - q.h;

describe('separate (minima tags)', () => {
  it('moves the upper of two overlapping tags just above the lower one, which stays', () => {
    const a = tag(100, 200), b = tag(150, 210);
    separate([a, b]);
    expect(b).toMatchObject({ x: 150, y: 210 });
    expect(a.x).toBe(100);
    expect(a.y).toBe(210 - 30 - 4);
    expect(overlap(a, b)).toBe(false);
    expect(a.lead).toBe(200 - (210 - 30 - 4));
    expect(b.lead).toBe(0);
  });

  it('leaves tags that do not overlap, and hidden ones, where they are', () => {
    const a = tag(100, 200), b = tag(300, 205), c = tag(110, 195, 100, 30, true);
    separate([a, b, c]);
    expect([a.y, b.y, c.y]).toEqual([200, 205, 195]);
  });

  it('stacks several tags at one place into a column without overlaps', () => {
    const tags = [tag(100, 100), tag(105, 102), tag(98, 99), tag(102, 101)];
    separate(tags);
    for (let i = 0; i < tags.length; i++) for (let j = i + 1; j < tags.length; j++) expect(overlap(tags[i], tags[j])).toBe(false);
    expect(Math.max(...tags.map((t) => t.y))).toBe(102);
  });
});

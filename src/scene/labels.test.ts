import { describe, expect, it } from 'vitest';
import { axisLabelsShown, intersects, leaderEnd, place, AXIS_GAP, MAX_LEAD, TAG_GAP, type Box, type Placed } from './labels';

const tag = (x: number, y: number, w = 100, h = 30, hidden = false): Placed => ({ el: {} as HTMLElement, hidden, x, y, w, h });
const BOUNDS: Box = { left: 0, top: 0, right: 1000, bottom: 800 };
const clear = (p: Placed, obstacles: Box[]) => obstacles.every((o) => !intersects(p.box!, o, TAG_GAP - 1e-9));

describe('place (minima tags)', () => {
  it('leaves a tag with nothing in its way above its anchor', () => {
    const a = tag(300, 400);
    place([a], [], BOUNDS);
    expect(a.box).toEqual({ left: 250, top: 370, right: 350, bottom: 400 });
    expect(a.crowded).toBe(false);
  });

  it('moves the upper of two overlapping tags off the lower one, which stays', () => {
    const a = tag(100, 200), b = tag(150, 210);
    place([a, b], [], BOUNDS);
    expect(b.box).toEqual({ left: 100, top: 180, right: 200, bottom: 210 });
    expect(intersects(a.box!, b.box!, TAG_GAP - 1e-9)).toBe(false);
    expect(a.crowded).toBe(false);
  });

  it('stacks several tags at one place without overlaps', () => {
    const tags = [tag(400, 400), tag(405, 402), tag(398, 399), tag(402, 401)];
    place(tags, [], BOUNDS);
    for (let i = 0; i < tags.length; i++) for (let j = i + 1; j < tags.length; j++) expect(intersects(tags[i].box!, tags[j].box!)).toBe(false);
    expect(tags.every((t) => !t.crowded)).toBe(true);
  });

  it('keeps clear of obstacles, moving in any direction (down or sideways when up is blocked)', () => {
    // A colour bar over the tag's own place and everything above it.
    const bar: Box = { left: 200, top: 0, right: 420, bottom: 395 };
    const a = tag(300, 400);
    place([a], [bar], BOUNDS);
    expect(clear(a, [bar])).toBe(true);
    expect(a.box!.top).toBeGreaterThan(400); // below its anchor
    // … and it does not cover its own bar (the column just below the anchor).
    expect(intersects(a.box!, { left: 294, top: 401, right: 306, bottom: 414 })).toBe(false);
    // Blocked above and below: it goes sideways.
    const wall: Box[] = [{ left: 200, top: 0, right: 420, bottom: 395 }, { left: 200, top: 405, right: 420, bottom: 800 }];
    const b = tag(300, 400);
    place([b], wall, BOUNDS);
    expect(clear(b, wall)).toBe(true);
    expect(b.box!.left >= 420 || b.box!.right <= 200).toBe(true);
  });

  it('stays inside the bounds (no tag is clipped at the canvas edge)', () => {
    const a = tag(20, 20);
    place([a], [], BOUNDS);
    expect(a.box!.left).toBeGreaterThanOrEqual(0);
    expect(a.box!.top).toBeGreaterThanOrEqual(0);
  });

  it('is crowded when no free place is within MAX_LEAD', () => {
    const all: Box = { left: 0, top: 0, right: 1000, bottom: 800 };
    const a = tag(500, 400);
    place([a], [{ ...all, left: 500 - MAX_LEAD - 200, right: 500 + MAX_LEAD + 200, top: 400 - MAX_LEAD - 100, bottom: 400 + MAX_LEAD + 100 }], BOUNDS);
    expect(a.crowded).toBe(true);
  });

  it('skips hidden tags', () => {
    const a = tag(100, 200, 100, 30, true), b = tag(100, 200);
    place([a, b], [], BOUNDS);
    expect(b.box!.bottom).toBe(200);
  });

  it('the leader line ends at the point of the tag nearest its anchor', () => {
    expect(leaderEnd({ left: 10, top: 10, right: 50, bottom: 30 }, 30, 60)).toEqual([30, 30]);
    expect(leaderEnd({ left: 10, top: 10, right: 50, bottom: 30 }, 80, 0)).toEqual([50, 10]);
  });
});

describe('place, when one tag cannot be placed', () => {
  it('lets the crowded one go first if then all fit', () => {
    // Two free windows; the lower tag's nearest is the only one the upper tag can reach.
    const windows = [
      [95, 140],
      [395, 440],
    ];
    const wall: Box[] = [
      { left: 0, top: 0, right: 1000, bottom: 95 },
      { left: 0, top: 140, right: 1000, bottom: 395 },
      { left: 0, top: 440, right: 1000, bottom: 800 },
      ...windows.flatMap(([top, bottom]) => [
        { left: 0, top, right: 395, bottom },
        { left: 505, top, right: 1000, bottom },
      ]),
    ];
    const low = tag(450, 250), high = tag(450, 150);
    place([low, high], wall, BOUNDS);
    expect([low.crowded, high.crowded]).toEqual([false, false]);
    expect(high.box!.bottom).toBeLessThanOrEqual(140);
    expect(low.box!.top).toBeGreaterThanOrEqual(395);
    for (const t of [low, high]) for (const o of wall) expect(intersects(t.box!, o)).toBe(false);
  });
});

describe('place, crowded chips', () => {
  it('puts a crowded tag\'s chip clear of the whole tags', () => {
    // Room for one whole tag only; the other becomes a chip, not on top of it.
    const wall: Box[] = [
      { left: 0, top: 0, right: 1000, bottom: 150 },
      { left: 0, top: 150, right: 380, bottom: 800 },
      { left: 560, top: 150, right: 1000, bottom: 800 },
      { left: 380, top: 215, right: 560, bottom: 800 },
    ];
    const low = tag(450, 205), high = tag(455, 195);
    place([low, high], wall, BOUNDS);
    const chip = [low, high].find((t) => t.crowded)!;
    const whole = [low, high].find((t) => !t.crowded)!;
    expect(chip.box!.right - chip.box!.left).toBe(14);
    expect(intersects(chip.box!, whole.box!)).toBe(false);
    for (const o of wall) expect(intersects(chip.box!, o)).toBe(false);
  });
});

describe('axisLabelsShown (tick labels and titles)', () => {
  const b = (left: number, top: number, w = 20, h = 12): Box => ({ left, top, right: left + w, bottom: top + h });

  it('hides the lower-ranked of two labels that touch, and one under an overlay', () => {
    // Where two axes meet: an end tick of each, 1 px apart ("3−4.5"), and an inner tick.
    const labels = [
      { box: b(100, 100), rank: 2 },
      { box: b(121, 101), rank: 1 },
      { box: b(300, 100), rank: 1 },
      { box: b(500, 500), rank: 0 },
    ];
    expect(axisLabelsShown(labels, [b(290, 90, 50, 50)])).toEqual([false, true, false, true]);
  });

  it('on equal ranks the first registered stays; labels AXIS_GAP apart all show', () => {
    expect(axisLabelsShown([{ box: b(0, 0), rank: 2 }, { box: b(15, 0), rank: 2 }], [])).toEqual([true, false]);
    expect(axisLabelsShown([{ box: b(0, 0), rank: 2 }, { box: b(20 + AXIS_GAP, 0), rank: 2 }, { box: b(0, 12 + AXIS_GAP), rank: 1 }], [])).toEqual([true, true, true]);
  });

  it('no two shown labels are closer than AXIS_GAP, whatever the order', () => {
    const labels = Array.from({ length: 40 }, (_, i) => ({ box: b((i * 37) % 200, (i * 53) % 120), rank: i % 3 }));
    const shown = axisLabelsShown(labels, []);
    const kept = labels.filter((_, i) => shown[i]);
    expect(kept.length).toBeGreaterThan(5);
    for (const p of kept) for (const q of kept) if (p !== q) expect(intersects(p.box, q.box, AXIS_GAP - 1e-9)).toBe(false);
  });
});

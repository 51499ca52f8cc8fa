/**
 * Contour lines of a grid field by marching squares. Pure; output in fractional grid coordinates
 * (col, row) so callers can map to w and drape the lines on a surface.
 */

/**
 * Appends the segments of the iso-line `level` of `values` (row-major [rows, cols]) to `out` as
 * quadruples (c0, r0, c1, r1) in fractional column/row units. Saddle cells are split by the cell's
 * mean value. Non-finite cells are skipped.
 */
export function contourSegments(values: ArrayLike<number>, rows: number, cols: number, level: number, out: number[]): void {
  for (let r = 0; r < rows - 1; r++) {
    for (let c = 0; c < cols - 1; c++) {
      const i = r * cols + c;
      const a = values[i], b = values[i + 1], d = values[i + cols], e = values[i + cols + 1];
      if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(d) || !Number.isFinite(e)) continue;
      // corners: a (r,c), b (r,c+1), e (r+1,c+1), d (r+1,c)
      const code = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (e >= level ? 4 : 0) | (d >= level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      const f = (p: number, q: number) => (p === q ? 0.5 : (level - p) / (q - p));
      // edge points: bottom (a-b), right (b-e), top (d-e), left (a-d)
      const bottom = (): [number, number] => [c + f(a, b), r];
      const right = (): [number, number] => [c + 1, r + f(b, e)];
      const top = (): [number, number] => [c + f(d, e), r + 1];
      const left = (): [number, number] => [c, r + f(a, d)];
      const seg = (p: [number, number], q: [number, number]) => out.push(p[0], p[1], q[0], q[1]);
      switch (code) {
        case 1: case 14: seg(left(), bottom()); break;
        case 2: case 13: seg(bottom(), right()); break;
        case 3: case 12: seg(left(), right()); break;
        case 4: case 11: seg(right(), top()); break;
        case 6: case 9: seg(bottom(), top()); break;
        case 7: case 8: seg(left(), top()); break;
        case 5: case 10: {
          const centreHigh = (a + b + d + e) / 4 >= level;
          // 5: a and e high. Centre high joins them: cut off the low corners b and d.
          if ((code === 5) === centreHigh) {
            seg(bottom(), right());
            seg(left(), top());
          } else {
            seg(left(), bottom());
            seg(right(), top());
          }
          break;
        }
      }
    }
  }
}

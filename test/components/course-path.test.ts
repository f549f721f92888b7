import { describe, expect, it } from 'vitest';
import { coursePathSegment } from '@/components/viz/course-path';

/** Parses the x where a segment starts (M x y) and where it ends (last x y pair). */
function ends(d: string): { start: [number, number]; end: [number, number] } {
  const numbers = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
  return { start: [numbers[0], numbers[1]], end: [numbers[numbers.length - 2], numbers[numbers.length - 1]] };
}

describe('the course map path', () => {
  it('is continuous: each row starts where the previous row ended', () => {
    const count = 15;
    for (let i = 1; i < count; i++) {
      const previous = ends(coursePathSegment(i - 1, count).d);
      const current = ends(coursePathSegment(i, count).d);
      expect(previous.end[1]).toBe(100);
      expect(current.start).toEqual([previous.end[0], 0]);
    }
  });

  it('starts and ends at the first and last nodes', () => {
    expect(ends(coursePathSegment(0, 3).d).start).toEqual([50, 50]);
    expect(ends(coursePathSegment(2, 3).d).end).toEqual([50, 50]);
  });

  it('rejects an index off the path', () => {
    expect(() => coursePathSegment(3, 3)).toThrow(/index must be an integer in 0..2/);
  });
});

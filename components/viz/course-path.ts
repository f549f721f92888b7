/**
 * The course map's path: one SVG segment per lesson, drawn in a 0..100 x 0..100 box stretched to the
 * row's height, so the path stays continuous whatever height each row's text needs.
 * Pure: (index, count) → path data. No React, no tfjs.
 */
export interface PathSegment {
  /** SVG path data for the stroke through this row. */
  d: string;
  /** Where the lesson's node sits, in the same 0..100 box. */
  node: { x: number; y: number };
}

const SWING = 28; // how far the path swings left and right of the centre (in box units)

/** The x of the path where row `index` meets the next row: alternates so the line winds. */
function boundaryX(index: number): number {
  return 50 + (index % 2 === 0 ? -SWING : SWING) / 2;
}

export function coursePathSegment(index: number, count: number): PathSegment {
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new Error(`coursePathSegment: index must be an integer in 0..${count - 1}, got ${index}`);
  }
  const top = boundaryX(index - 1); // where the previous row ended
  const bottom = boundaryX(index);
  const node = { x: 50, y: 50 };
  const first = index === 0;
  const last = index === count - 1;
  const start = first ? `M ${node.x} ${node.y}` : `M ${top} 0 C ${top} 25, ${node.x} 25, ${node.x} ${node.y}`;
  const end = last ? '' : ` C ${node.x} 75, ${bottom} 75, ${bottom} 100`;
  return { d: start + end, node };
}

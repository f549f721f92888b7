/**
 * Many small circles as one SVG path (two arcs each), so thousands of points redraw in a few ms.
 * Points are row-major [n * 2] in data units, placed by the x and y scales; `keep` filters by index
 * and points that do not map to finite pixels are skipped. Shared by the 2D scatter renderers.
 */
export function circlesPath(points: Float32Array, x: (v: number) => number, y: (v: number) => number, r: number, keep?: (i: number) => boolean): string {
  const parts: string[] = [];
  const n = points.length / 2;
  for (let i = 0; i < n; i++) {
    if (keep && !keep(i)) continue;
    const px = x(points[2 * i]);
    const py = y(points[2 * i + 1]);
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    parts.push(`M${(px - r).toFixed(1)},${py.toFixed(1)}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`);
  }
  return parts.join('');
}

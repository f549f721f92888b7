/**
 * Mean of the last `window` values at every position (fewer at the start), as [1-based index, mean]
 * points for a loss curve.
 */
export function movingAverage(values: readonly number[], window: number): [number, number][] {
  const out: [number, number][] = [];
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    sum += values[i];
    if (i >= window) sum -= values[i - window];
    out.push([i + 1, sum / Math.min(i + 1, window)]);
  }
  return out;
}

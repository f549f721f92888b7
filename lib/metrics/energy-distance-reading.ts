/**
 * How the pages print an energy distance. The estimate (lib/metrics/energy-distance.ts) is unbiased:
 * for two samples of the same distribution it scatters around 0 and can come out slightly below it,
 * although the true D^2 never does. So a value below zero is shown as measured, next to the clipped
 * value it stands for and a short reason, never silently as a bare negative number.
 */

export interface EnergyDistanceReading {
  /** The estimate as measured (may be slightly negative). */
  estimate: number;
  /** max(0, estimate): the smallest value the true D^2 can take. */
  clipped: number;
  belowZero: boolean;
  /** The estimate, and for a negative one its clipped value: "0.0123", or "−0.0004 (clipped: 0)". */
  text: string;
}

/** Why a reader may see a negative energy distance (shown wherever one appears). */
export const BELOW_ZERO_NOTE =
  'An energy distance below zero is sampling noise, not an error: the estimate is unbiased, so when both point sets come from the same distribution it lands just above or just below 0. Read it as 0.';

export function readEnergyDistance(estimate: number, digits = 4): EnergyDistanceReading {
  if (!Number.isFinite(estimate)) throw new Error(`readEnergyDistance: estimate must be a finite number, got ${estimate}`);
  if (!Number.isInteger(digits) || digits < 0 || digits > 10) throw new Error(`readEnergyDistance: digits must be an integer in [0, 10], got ${digits}`);
  const belowZero = estimate < 0;
  // A minus sign (U+2212), as in the rest of the course's figures.
  const shown = belowZero ? `−${(-estimate).toFixed(digits)}` : estimate.toFixed(digits);
  return { estimate, clipped: Math.max(0, estimate), belowZero, text: belowZero ? `${shown} (clipped: 0)` : shown };
}

/** Whether any of the values printed together needs BELOW_ZERO_NOTE. */
export function needsBelowZeroNote(estimates: readonly number[]): boolean {
  return estimates.some((d) => d < 0);
}

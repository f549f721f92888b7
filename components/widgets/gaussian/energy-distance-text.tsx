'use client';
/**
 * An energy distance as the Gaussian lessons print it: the estimate as measured and, when it dips
 * below zero, its clipped value; plus the one-sentence reason, shown next to any negative value.
 */
import { BELOW_ZERO_NOTE, needsBelowZeroNote, readEnergyDistance } from '@/lib/metrics/energy-distance-reading';

export function EnergyDistanceText({ value }: { value: number }) {
  const reading = readEnergyDistance(value);
  return <span data-energy-estimate={reading.estimate} data-energy-clipped={reading.clipped}>{reading.text}</span>;
}

/** The reason a value is below zero; renders nothing when every value is >= 0. */
export function BelowZeroNote({ values }: { values: readonly number[] }) {
  return needsBelowZeroNote(values) ? <span className="diffusion-note" data-testid="below-zero-note"> {BELOW_ZERO_NOTE}</span> : null;
}

'use client';
/** One line of sample quality: energy distance next to its noise and data baselines, and the wall time. */
import type { SampleQuality } from '@/lib/diffusion/gaussian/jobs/sample-quality';
import { BelowZeroNote, EnergyDistanceText } from './energy-distance-text';

export function QualityLine({ quality, seconds, label }: { quality: SampleQuality; seconds?: number; label: string }) {
  return (
    <p className="diffusion-quality" data-testid="sample-quality" data-energy-distance={quality.energyDistance} data-label={label}>
      <strong>{label}</strong>: energy distance to fresh data <strong><EnergyDistanceText value={quality.energyDistance} /></strong> (lower is better;
      pure noise scores <EnergyDistanceText value={quality.noiseBaseline} />, a second draw of real data <EnergyDistanceText value={quality.dataFloor} />), on {quality.n} points
      {seconds !== undefined ? `, sampled in ${seconds.toFixed(1)} s` : ''}.
      <BelowZeroNote values={[quality.energyDistance, quality.dataFloor]} />
    </p>
  );
}

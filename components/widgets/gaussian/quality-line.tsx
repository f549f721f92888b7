'use client';
/** One line of sample quality: energy distance next to its noise and data baselines, and the wall time. */
import type { SampleQuality } from '@/lib/diffusion/gaussian/jobs/sample-quality';

export function QualityLine({ quality, seconds, label }: { quality: SampleQuality; seconds?: number; label: string }) {
  return (
    <p className="diffusion-quality" data-testid="sample-quality" data-energy-distance={quality.energyDistance}>
      <strong>{label}</strong>: energy distance to fresh data <strong>{quality.energyDistance.toFixed(4)}</strong> (lower is better;
      pure noise scores {quality.noiseBaseline.toFixed(4)}, a second draw of real data {quality.dataFloor.toFixed(4)}), on {quality.n} points
      {seconds !== undefined ? `, sampled in ${seconds.toFixed(1)} s` : ''}.
    </p>
  );
}

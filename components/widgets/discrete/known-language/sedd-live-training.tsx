'use client';
/**
 * Lesson 08's live SEDD model on the known reversal language: train it in the worker (loss curve,
 * pause, resume, reset), read its learned ratios at a masked position next to the true ones, and
 * sample with Euler and Tweedie at several step counts. It starts with the shipped pretrained
 * model so the ratios show at once; a model trained here replaces it in both panels.
 *
 * Usage in MDX: <SeddLiveTraining />
 */
import { useId, useMemo, useState } from 'react';
import type { KnownLanguageModelSource } from '@/lib/diffusion/discrete/known-language/jobs';
import type { KnownLanguageWeights } from '@/lib/diffusion/discrete/known-language/models';
import { useKnownLanguageManifest } from './use-known-language-manifest';
import { KnownLanguageTrainPanel } from './train-panel';
import { KnownLanguageRatiosPanel } from './ratios-panel';
import { KnownLanguageSamplesPanel } from './samples-panel';

export function SeddLiveTraining() {
  const id = useId();
  const pretrained = useKnownLanguageManifest('sedd');
  const [weights, setWeights] = useState<KnownLanguageWeights | null>(null);
  const source = useMemo<KnownLanguageModelSource | null>(() => (weights
    ? { kind: 'weights', value: weights }
    : pretrained.status === 'available' ? { kind: 'pretrained', objective: 'sedd' } : null), [weights, pretrained.status]);
  const sourceLabel = weights ? 'the model you trained' : 'the pretrained model';
  const held = pretrained.status === 'available' ? Number(pretrained.metrics.heldoutLoss) : null;

  return (
    <section className="widget discrete-widget" aria-labelledby={`${id}-title`} data-testid="sedd-live-training">
      <h3 id={`${id}-title`}>A SEDD model on short sequences, trained in your browser</h3>
      <p className="discrete-note" data-testid="sedd-live-pretrained" data-status={pretrained.status}>
        {pretrained.status === 'checking' && 'Looking for the pretrained weights…'}
        {pretrained.status === 'available' && `Pretrained weights found (${pretrained.steps} steps, held-out loss ${held?.toFixed(3)} nats per token): the panels below use them until you train your own.`}
        {pretrained.status === 'missing' && `The pretrained weights could not be loaded (${pretrained.reason}). Train a model from scratch below; the ratio and sampling panels use it once it is done.`}
      </p>
      <KnownLanguageTrainPanel objective="sedd" pretrained={pretrained} weights={weights} onWeights={setWeights} testPrefix="sedd-live" />
      <KnownLanguageRatiosPanel source={source} sourceLabel={sourceLabel} />
      <KnownLanguageSamplesPanel source={source} sourceLabel={sourceLabel} />
    </section>
  );
}

/**
 * The RL-tuned known-language weights as one JSON file the reader can download (and a parser that
 * checks it back), so a tuned model can be kept or shared. Plain JSON: 68k numbers, about 1 MB.
 */
import type { KnownLanguageWeights } from '@/lib/diffusion/discrete/known-language/models';
import { checkWeights } from '@/lib/models/transformer/init';

export const TUNED_WEIGHTS_FORMAT = 'marble-tuned-weights-v1';

export function serializeTunedWeights(w: KnownLanguageWeights, note: string): string {
  const tensors = Object.fromEntries(Object.entries(w.weights).map(([name, t]) => [name, { shape: t.shape, data: Array.from(t.data) }]));
  return JSON.stringify({ format: TUNED_WEIGHTS_FORMAT, note, objective: w.objective, config: w.config, tensors });
}

export function parseTunedWeights(text: string): KnownLanguageWeights {
  const raw = JSON.parse(text) as { format?: string; objective?: string; config?: KnownLanguageWeights['config']; tensors?: Record<string, { shape: number[]; data: number[] }> };
  if (raw?.format !== TUNED_WEIGHTS_FORMAT) throw new Error(`tuned weights: format must be ${TUNED_WEIGHTS_FORMAT}, got ${String(raw?.format)}`);
  if (raw.objective !== 'mdlm' || !raw.config || !raw.tensors) throw new Error('tuned weights: expected an mdlm model with config and tensors');
  const weights = Object.fromEntries(Object.entries(raw.tensors).map(([name, t]) => [name, { shape: t.shape, data: Float32Array.from(t.data) }]));
  checkWeights(raw.config, weights);
  return { objective: 'mdlm', config: raw.config, weights };
}

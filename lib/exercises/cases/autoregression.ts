/** Cases for lessons 00-01: counting passes, and the tempered top-k distribution of lib/dllm/sampling-distribution.ts. */
import { createRng } from '@/lib/math/rng';
import { temperedTopKProbs } from '@/lib/dllm/sampling-distribution';
import { normals, type ExerciseCases } from './shared';

export function forwardPassesCases(): ExerciseCases {
  return {
    compare: {},
    cases: [
      { args: [64, 1], expected: 64, label: 'autoregressive: 64 tokens, 1 per pass' },
      { args: [64, 4], expected: 16, label: '64 tokens, 4 per step' },
      { args: [10, 3], expected: 4, label: '10 tokens, 3 per step (the last step is partial)' },
      { args: [1, 8], expected: 1, label: 'a single token, 8 per step' },
      { args: [0, 2], expected: 0, label: 'nothing to write' },
    ],
  };
}

export function topKProbsCases(): ExerciseCases {
  const rng = createRng(101);
  const settings: [number, number, string][] = [
    [1, 0, 'temperature 1, every token kept'],
    [1, 3, 'temperature 1, top 3'],
    [0.5, 0, 'temperature 0.5 (sharper), every token kept'],
    [2, 4, 'temperature 2 (flatter), top 4'],
    [0.7, 1, 'top 1: greedy, whatever the temperature'],
    [1.3, 8, 'k = 8 = every token'],
  ];
  return {
    compare: { tolerance: 1e-6 },
    cases: settings.map(([temperature, k, what]) => {
      const logits = normals(rng, 8, 2);
      return { args: [logits, temperature, k], expected: temperedTopKProbs(logits, temperature, k), label: `${what}, logits [${logits.join(', ')}]` };
    }),
  };
}

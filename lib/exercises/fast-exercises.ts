/**
 * The code exercises of lessons 10-12 (block diffusion, caching, parallel decoding), merged into
 * the catalog by code-exercises.ts. Cases: ./cases/fast.ts.
 */
import type { CodeExercise } from './types';

export const FAST_EXERCISES: CodeExercise[] = [
  {
    id: 'block-causal-mask',
    lesson: 'block-diffusion',
    title: 'The block-causal mask',
    functionName: 'blockCausalMask',
    task: 'blockCausalMask(length, blockSize) returns the sampling-time attention mask of block diffusion as rows: mask[i][j] = 1 when position i may attend to position j, else 0. Blocks are consecutive runs of blockSize positions starting at 0 (the last may be shorter).',
    hints: [
      'Work with block indices, not positions: position i is in block Math.floor(i / blockSize).',
      'Inside a block everyone sees everyone (diffusion); across blocks only the past is visible (autoregression).',
      'mask[i][j] = 1 exactly when block(j) <= block(i). Check: blockSize 1 gives the causal mask, blockSize >= length all ones.',
    ],
    solution: `function blockCausalMask(length: number, blockSize: number): number[][] {
  const block = (i: number) => Math.floor(i / blockSize);
  return Array.from({ length }, (_, i) => Array.from({ length }, (_, j) => (block(j) <= block(i) ? 1 : 0)));
}
`,
  },
  {
    id: 'pass-cost',
    lesson: 'caching',
    title: 'What a pass costs under each cache',
    functionName: 'passCost',
    task: "passCost(scheme, promptLength, genLength, blockLength, block, stepInBlock) returns how many positions one pass runs through the model. scheme is 'none', 'prefix' or 'dual' (a bidirectional model; blocks start right after the prompt and the first pass of each block is a full refresh), or 'exact' (block diffusion: blocks are multiples of blockLength from position 0, block 0 being the one that holds the first answer token).",
    hints: [
      "'none' always runs prompt + answer. For 'prefix' and 'dual' the block's first pass (stepInBlock 0) is a full pass too.",
      "After the refresh, 'prefix' runs the block and everything after it (the suffix still changes), 'dual' only the block (the last block may be shorter).",
      "'exact': block 0 starts at Math.floor(promptLength / blockLength) * blockLength. Its first pass runs everything up to the block's end; a later block's first pass runs the previous block too (its keys and values join the cache now that it is final); other passes only the block.",
    ],
    solution: `function passCost(scheme: string, promptLength: number, genLength: number, blockLength: number, block: number, stepInBlock: number): number {
  const total = promptLength + genLength;
  const first = scheme === 'exact' ? Math.floor(promptLength / blockLength) * blockLength : promptLength;
  const start = first + block * blockLength;
  const end = Math.min(start + blockLength, total);
  if (scheme === 'none') return total;
  if (scheme === 'prefix') return stepInBlock === 0 ? total : total - start;
  if (scheme === 'dual') return stepInBlock === 0 ? total : end - start;
  if (stepInBlock > 0) return end - start;
  return block === 0 ? end : end - (start - blockLength);
}
`,
  },
  {
    id: 'factor-count',
    lesson: 'parallel-decoding',
    title: 'The factor rule',
    functionName: 'factorCount',
    task: 'factorCount(confidences, f) returns how many positions the factor rule commits in one pass: the largest n with (n + 1)(1 - c_n) < f, where c_n is the n-th highest confidence, and at least 1.',
    hints: [
      'Sort a copy of the confidences from high to low; c_n is sorted[n - 1].',
      'Try every n from 1 to the number of positions and keep the largest that satisfies the inequality (it need not hold for every smaller n).',
      'If no n qualifies, return 1: every pass must commit something.',
    ],
    solution: `function factorCount(confidences: number[], f: number): number {
  const sorted = [...confidences].sort((a, b) => b - a);
  let best = 1;
  for (let n = 1; n <= sorted.length; n++) if ((n + 1) * (1 - sorted[n - 1]) < f) best = n;
  return best;
}
`,
  },
];

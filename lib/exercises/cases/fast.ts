/** Cases for lessons 10-12: the block-causal mask, the cost of a cached pass, the factor rule. */
import { createRng } from '@/lib/math/rng';
import { blockCausalMask } from '@/lib/dllm/block-mask';
import { factorCount } from '@/lib/dllm/parallel';
import { passCost, type CacheSchemeName } from '@/lib/dllm/pass-cost';
import type { ExerciseCases } from './shared';

export function blockCausalMaskCases(): ExerciseCases {
  const rng = createRng(1010);
  const fixed: [number, number, string][] = [
    [4, 1, 'block size 1 is the causal (autoregressive) mask'],
    [4, 4, 'one block covering everything is bidirectional'],
    [6, 2, 'three blocks of two'],
    [7, 3, 'the last block is shorter (7 = 3 + 3 + 1)'],
    [5, 8, 'a block larger than the sequence'],
  ];
  const random: [number, number, string][] = Array.from({ length: 6 }, (_, i) => {
    const length = 1 + Math.floor(rng.next() * 16);
    const blockSize = 1 + Math.floor(rng.next() * 6);
    return [length, blockSize, `random case ${i + 1}`];
  });
  return {
    compare: {},
    cases: [...fixed, ...random].map(([length, blockSize, label]) => ({ args: [length, blockSize], expected: blockCausalMask(length, blockSize), label: `${label}: length ${length}, block ${blockSize}` })),
  };
}

export function passCostCases(): ExerciseCases {
  const rng = createRng(1111);
  const schemes: CacheSchemeName[] = ['none', 'prefix', 'dual', 'exact'];
  const cases = [];
  for (let i = 0; i < 16; i++) {
    const scheme = schemes[i % 4];
    const promptLength = 4 + Math.floor(rng.next() * 20);
    const blockLength = [4, 8, 16][Math.floor(rng.next() * 3)];
    const genLength = blockLength * (1 + Math.floor(rng.next() * 4));
    const block = Math.floor(rng.next() * (genLength / blockLength));
    const stepInBlock = i < 8 ? 0 : 1 + Math.floor(rng.next() * (blockLength - 1));
    const args = [scheme, promptLength, genLength, blockLength, block, stepInBlock];
    cases.push({ args, expected: passCost(scheme, promptLength, genLength, blockLength, block, stepInBlock), label: `${scheme} cache, prompt ${promptLength}, answer ${genLength}, blocks of ${blockLength}, block ${block}, step ${stepInBlock}` });
  }
  return { compare: {}, cases };
}

export function factorCountCases(): ExerciseCases {
  const rng = createRng(1212);
  const fixed: [number[], number, string][] = [
    [[0.99, 0.98, 0.6], 1, 'two very confident positions and one unsure'],
    [[0.5, 0.4], 1, 'nothing qualifies: still commit one'],
    [[0.95, 0.95, 0.95, 0.95], 1, 'four at 0.95: (n + 1)(1 - c_n) = 0.25 at n = 4'],
    [[0.7, 0.9, 0.8], 2, 'unsorted input, a looser f'],
    [[0.75, 0.75, 0.75], 1, 'boundary: at n = 3, (n + 1)(1 - c_n) equals f, which does not count'],
  ];
  const random: [number[], number, string][] = Array.from({ length: 6 }, (_, i) => {
    const n = 1 + Math.floor(rng.next() * 8);
    const conf = Array.from({ length: n }, () => Math.round((0.3 + 0.7 * rng.next()) * 1000) / 1000);
    return [conf, [0.5, 1, 2][i % 3], `random case ${i + 1}`];
  });
  return { compare: {}, cases: [...fixed, ...random].map(([conf, f, label]) => ({ args: [conf, f], expected: factorCount(conf, f), label: `${label} (f = ${f})` })) };
}

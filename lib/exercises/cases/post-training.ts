/** Cases for lesson 13: group-relative advantages, checked against lib/post-training/grpo.ts. */
import { createRng } from '@/lib/math/rng';
import { groupAdvantages } from '@/lib/post-training/grpo';
import { plain, type ExerciseCases } from './shared';

export function groupAdvantagesCases(): ExerciseCases {
  const rng = createRng(1313);
  const fixed: [number[], number, string][] = [
    [[1, 0, 0, 1], 4, 'two right, two wrong'],
    [[1, 0, 0, 0, 0, 0, 0, 0], 8, 'one right in eight'],
    [[1, 1, 1, 1, 0, 0, 0, 0], 4, 'two groups, each all equal (no signal)'],
    [[0.5, 1, 0, 0.25, 1, 1], 3, 'partial rewards, two groups of three'],
  ];
  const random: [number[], number, string][] = Array.from({ length: 4 }, (_, i) => {
    const groupSize = 2 + Math.floor(rng.next() * 7);
    const groups = 1 + Math.floor(rng.next() * 3);
    return [Array.from({ length: groupSize * groups }, () => (rng.next() < 0.4 ? 1 : 0)), groupSize, `random batch ${i + 1}`];
  });
  return {
    compare: { tolerance: 1e-6 },
    cases: [...fixed, ...random].map(([rewards, groupSize, label]) => ({ args: [rewards, groupSize], expected: plain(groupAdvantages(rewards, groupSize)), label: `${label}: groups of ${groupSize}` })),
  };
}

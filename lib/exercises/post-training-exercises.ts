/**
 * The code exercises of lessons 13-14 (post-training, the whole machine), merged into the catalog by
 * code-exercises.ts. Cases: ./cases/post-training.ts.
 */
import type { CodeExercise } from './types';

export const POST_TRAINING_EXERCISES: CodeExercise[] = [
  {
    id: 'group-advantages',
    lesson: 'post-training',
    title: 'Group-relative advantages',
    functionName: 'groupAdvantages',
    task: 'groupAdvantages(rewards, groupSize) returns one advantage per reward. The rewards come group after group (groupSize completions of one prompt each); a completion\'s advantage is its reward minus its group\'s mean, divided by the group\'s standard deviation (divide by groupSize, not groupSize - 1) plus 1e-4.',
    hints: [
      'Loop over the groups: rewards.slice(g, g + groupSize) for g = 0, groupSize, 2 * groupSize, ...',
      'Mean first, then the variance as the mean of squared deviations, then std = Math.sqrt(variance).',
      'A group whose rewards are all equal has std 0: its advantages are 0 / (0 + 1e-4) = 0. Such a group teaches nothing.',
    ],
    solution: `function groupAdvantages(rewards: number[], groupSize: number): number[] {
  const out: number[] = [];
  for (let g = 0; g < rewards.length; g += groupSize) {
    const group = rewards.slice(g, g + groupSize);
    const mean = group.reduce((a, b) => a + b, 0) / groupSize;
    const std = Math.sqrt(group.reduce((a, r) => a + (r - mean) ** 2, 0) / groupSize);
    for (const r of group) out.push((r - mean) / (std + 1e-4));
  }
  return out;
}
`,
  },
];

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useNodeBackend } from '@/test/support/tf-node';
import * as tf from '@/lib/tensor/tf';
import { raceArenaRules, type ArenaPoint } from '@/lib/dllm/arena/race';
import { oneAtATime, topK } from '@/lib/dllm/arena/builtin-rules';
import { createSmallTransformer } from '@/test/support/dllm-models';
import type { SequenceModel } from '@/lib/models/transformer/types';

describe('the arena race', () => {
  let model: SequenceModel;
  beforeAll(async () => {
    await useNodeBackend('wasm');
    model = createSmallTransformer('block-causal', 71, 8);
  });
  afterAll(() => model.dispose());

  it('reports a point after every task; a broken rule stops its own race with the reason and the others run on', async () => {
    const seen: ArenaPoint[] = [];
    const before = tf.memory().numTensors;
    const points = await raceArenaRules(model, [
      { name: 'one', rule: oneAtATime },
      { name: 'broken', rule: (p) => (p.block > 0 ? [] : [p.candidates[0].position]) },
      { name: 'top-2', rule: topK(2) },
    ], { tasks: 3, onPoint: (p) => seen.push(p) });
    expect(tf.memory().numTensors).toBe(before);
    expect(points.map((p) => p.name)).toEqual(['one', 'broken', 'top-2']);
    expect(points[0].tasks).toBe(3);
    expect(points[0].tokensPerPass).toBeCloseTo(1, 12); // one token per pass, exactly
    expect(points[2].tasks).toBe(3);
    expect(points[2].tokensPerPass).toBeGreaterThan(1);
    expect(points[1].error).toMatch(/task 1 \(".+"\), block 1, pass 0: the rule committed nothing/);
    expect(seen.filter((p) => p.name === 'one').map((p) => p.tasks)).toEqual([0, 1, 2, 3, 3]);
    expect(seen.at(-1)?.done).toBe(true);
  });
});

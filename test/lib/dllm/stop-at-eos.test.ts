/**
 * Stopping after the block that holds [EOS] (every masked-diffusion method of the table does) gives
 * the same answer as filling the whole canvas, in fewer passes: committed tokens never change.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { BOS_ID, EOS_ID, MASK_ID, PAD_ID, VOCAB } from '@/lib/data/text/tokenizer';
import { generateExamples } from '@/lib/data/text/corpus';
import { decodeMasked } from '@/lib/dllm/masked';
import { decodeFastDllm } from '@/lib/dllm/fast-dllm';
import { runDecoder } from '@/lib/dllm/types';
import { loadShippedModel } from '@/lib/models/weights/shipped';
import type { Transformer } from '@/lib/models/transformer/model';
import { useNodeBackend } from '@/test/support/tf-node';
import { fetchFromPublic } from '@/test/support/public-files';

const ids = { maskId: MASK_ID, eosId: EOS_ID, padId: PAD_ID };
let mdlm: Transformer;

describe('stopAtEos', () => {
  beforeAll(async () => {
    await useNodeBackend('wasm');
    mdlm = (await loadShippedModel('mdlm', fetchFromPublic)).model;
  }, 60_000);

  it('keeps every answer of the masked and dual-cache decoders and saves the passes after [EOS], leaking no tensors', async () => {
    const examples = generateExamples({ seed: 930001, count: 6, split: 'heldout', mix: { copy: 0.5, rev: 0.25, sort: 0.25 } });
    const before = tf.memory().numTensors;
    let savedPasses = 0;
    for (const e of examples) {
      const prompt = Int32Array.from([BOS_ID, ...VOCAB.encode(e.prompt)]);
      const options = { ids, genLength: 64, blockLength: 16, rule: { kind: 'threshold' as const, tau: 0.9 } };
      for (const decode of [
        (stopAtEos: boolean) => decodeMasked(mdlm, prompt, { ...options, stopAtEos }),
        (stopAtEos: boolean) => decodeFastDllm(mdlm, prompt, { ...options, stopAtEos, cache: 'dual' }),
      ]) {
        const full = await runDecoder(decode(false));
        const stopped = await runDecoder(decode(true));
        expect(VOCAB.decode(stopped.generated)).toBe(VOCAB.decode(full.generated));
        expect(stopped.stoppedAtEos).toBe(true);
        expect(stopped.tokens.length % 16).toBe(prompt.length % 16);
        expect(stopped.nfe).toBeLessThanOrEqual(full.nfe);
        savedPasses += full.nfe - stopped.nfe;
      }
    }
    expect(tf.memory().numTensors).toBe(before);
    // Answers of 4-41 tokens on a 64-token canvas of 16-token blocks: at least one block is never decoded.
    expect(savedPasses).toBeGreaterThanOrEqual(2 * examples.length);
  }, 120_000);

  it('rejects a non-boolean', async () => {
    await expect(decodeMasked(mdlm, [BOS_ID], { ids, genLength: 8, stopAtEos: 'yes' as unknown as boolean }).next()).rejects.toThrow(/stopAtEos must be true or false/);
  });
});

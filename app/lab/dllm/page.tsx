import type { Metadata } from 'next';
import { DllmRaceLazy } from '@/components/widgets/dllm/dllm-race-lazy';

export const metadata: Metadata = {
  title: 'Lab: the small diffusion LM',
  description: 'Decode with the small diffusion language model, its caches and parallel rules, against its autoregressive twin.',
};

export default function DllmLabPage() {
  return (
    <article className="lab">
      <h1>Lab: the small diffusion language model</h1>
      <p>
        Three models of the same size, trained on the same synthetic corpus by this project: an autoregressive twin, a
        bidirectional masked-diffusion model, and a block-diffusion model. Pick a decoding method and a held-out prompt (or
        type one) and watch both answers appear. Every square in a timeline is one position decided in one step; its
        colour is the model&apos;s confidence. A shaded band marks positions whose keys and values came from a cache in that step.
        The models see up to 320 positions, so answers of up to 256 tokens fit. The two diffusion models started from the
        autoregressive twin&apos;s weights and were trained on as diffusion models (as DiffuLLaMA and Dream adapt large AR models).
      </p>
      <DllmRaceLazy />
    </article>
  );
}

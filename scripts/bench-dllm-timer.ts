/**
 * A model wrapper that times every forward() (wasm runs ops synchronously, so the wall time of the
 * call is the pass) and groups passes by shape: how many query positions on how much cache.
 */
import type { ForwardInput, SequenceModel } from '@/lib/models/transformer/types';

export interface ForwardCounts { forwards: number; totalMs: number; byShape: Map<string, { count: number; ms: number }> }
export interface ForwardTimer { current: ForwardCounts | null }

export const emptyCounts = (): ForwardCounts => ({ forwards: 0, totalMs: 0, byShape: new Map() });

export function timedModel(model: SequenceModel, timer: ForwardTimer): SequenceModel {
  return {
    config: model.config,
    forward(input: ForwardInput) {
      const t0 = performance.now();
      const out = model.forward(input);
      const ms = performance.now() - t0;
      const c = timer.current;
      if (c) {
        c.forwards++;
        c.totalMs += ms;
        const key = `${input.positions.length}q+${input.context?.positions.length ?? 0}ctx`;
        const e = c.byShape.get(key) ?? { count: 0, ms: 0 };
        e.count++;
        e.ms += ms;
        c.byShape.set(key, e);
      }
      return out;
    },
    dispose: () => model.dispose(),
  };
}

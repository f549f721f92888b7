'use client';
import { useEffect, useState } from 'react';
import { energyDistance } from '@/lib/metrics/energy-distance';
import { nextMacrotask } from '@/lib/runtime/next-macrotask';

export type PointSetPair = readonly [Float32Array, Float32Array];

/**
 * Energy distances of point-set pairs, each measured in a task of its own after the render that draws
 * the clouds; null until measured. Each is O(n^2): for the forward-routes figure's two pairs of 1,000
 * points, measured inside the render they made one task of 50-110 ms on lesson 02 (a CPU profile,
 * bench:web's 100 ms budget). Pass a memoised array: a new one starts a new measurement.
 */
export function useDeferredEnergyDistances(pairs: readonly PointSetPair[]): (number | null)[] {
  const [measured, setMeasured] = useState<{ pairs: readonly PointSetPair[] | null; values: (number | null)[] }>({ pairs: null, values: [] });
  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const values: (number | null)[] = pairs.map(() => null);
      for (let i = 0; i < pairs.length; i++) {
        await nextMacrotask();
        if (cancelled) return;
        values[i] = energyDistance(pairs[i][0], pairs[i][1]);
        setMeasured({ pairs, values: [...values] });
      }
    })();
    return () => { cancelled = true; };
  }, [pairs]);
  return measured.pairs === pairs ? measured.values : pairs.map(() => null);
}

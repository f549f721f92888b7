/**
 * Worker job 'roofline' (lesson 14's RooflineInYourBrowser): ms per forward pass of the shipped MDLM
 * (the three shipped models share one architecture, so one curve serves them all) against tokens per
 * pass, on the worker's backend. The page starts one short-lived worker per backend to compare them.
 */
import * as tf from '@/lib/tensor/tf';
import type { JobContext } from '@/lib/runtime/protocol';
import { loadShippedModel } from '@/lib/dllm/lab/shipped-models';
import { measureRoofline, type RooflineOptions, type RooflinePoint } from './roofline';

export interface RooflineJobResult {
  backend: string;
  points: RooflinePoint[];
  parameters: number;
}

export async function* runRooflineJob(params: RooflineOptions, context: JobContext): AsyncGenerator<RooflinePoint, RooflineJobResult, void> {
  const model = await loadShippedModel('mdlm', (url) => context.fetchBytes(url));
  const points = yield* measureRoofline(model, params);
  const parameters = Object.values(model.weights).reduce((a, w) => a + w.size, 0);
  return { backend: tf.getBackend(), points, parameters };
}

/**
 * Classifier-free guidance (Ho & Salimans 2022). Convention used throughout Marble:
 *   eps = eps(x, none) + w (eps(x, c) - eps(x, none))
 * so w = 0 is the unconditional model, w = 1 the plain conditional model, and w > 1 pushes
 * samples further toward the class (sharper, less diverse). (The paper's own w is ours minus 1.)
 */
import * as tf from '@/lib/tensor/tf';
import type { EpsModel } from './types';

function checkW(w: number, fn: string): void {
  if (!Number.isFinite(w)) throw new Error(`${fn}: w (guidance scale) must be a finite number, got ${w}`);
}

/** Combines an unconditional and a conditional prediction. Returns a new tensor. */
export function guidedEps(epsUncond: tf.Tensor2D, epsCond: tf.Tensor2D, w: number): tf.Tensor2D {
  checkW(w, 'guidedEps');
  if (epsUncond.shape.join(',') !== epsCond.shape.join(',')) {
    throw new Error(`guidedEps: epsCond shape [${epsCond.shape}] must equal epsUncond shape [${epsUncond.shape}]`);
  }
  return tf.tidy(() => tf.add(epsUncond, tf.mul(tf.sub(epsCond, epsUncond), w)));
}

/**
 * Wraps a class-conditional eps model (one trained with label dropout to `nullClass`) into a
 * guided one. Both predictions come from a single batched call ([x; x] with [c; null]).
 * The wrapped model needs classLabels at every call.
 */
export function guidedEpsModel(model: EpsModel, nullClass: number, w: number): EpsModel {
  checkW(w, 'guidedEpsModel');
  if (!Number.isInteger(nullClass) || nullClass < 0) throw new Error(`guidedEpsModel: nullClass must be a non-negative integer, got ${nullClass}`);
  return (x, t, classLabels) => {
    if (!classLabels) throw new Error('guidedEpsModel: classLabels are required (one class per point)');
    const n = x.shape[0];
    if (classLabels.length !== n) throw new Error(`guidedEpsModel: classLabels must have ${n} entries, got ${classLabels.length}`);
    const both = new Int32Array(2 * n);
    both.set(classLabels, 0);
    both.fill(nullClass, n);
    return tf.tidy(() => {
      const out = model(tf.concat([x, x], 0) as tf.Tensor2D, t, both); // [2n, d]
      const cond = tf.slice(out, [0, 0], [n, -1]) as tf.Tensor2D;
      const uncond = tf.slice(out, [n, 0], [n, -1]) as tf.Tensor2D;
      return guidedEps(uncond, cond, w);
    });
  };
}

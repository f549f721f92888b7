/**
 * The building blocks of one pre-norm transformer layer, as plain functions of tensors.
 * Callers run them inside tf.tidy (the model does).
 */
import * as tf from '@/lib/tensor/tf';

const LN_EPS = 1e-5;

/** LayerNorm over the last axis: (x - mean) / sqrt(var + eps) * g + b. */
export function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const mean = tf.mean(x, -1, true);
  const centered = tf.sub(x, mean);
  const variance = tf.mean(tf.square(centered), -1, true);
  return tf.add(tf.mul(tf.mul(centered, tf.rsqrt(tf.add(variance, LN_EPS))), g), b);
}

/** GELU, tanh approximation (as in GPT-2): 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))). */
export function gelu(x: tf.Tensor): tf.Tensor {
  const inner = tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.mul(x, tf.square(x)))));
  return tf.mul(tf.mul(0.5, x), tf.add(1, tf.tanh(inner)));
}

/**
 * x [rows, dIn] @ w [dIn, dOut] with a hand-written gradient that transposes explicitly: the wasm
 * backend's matMul with transposeA/transposeB is 10-20x slower than transpose + plain matMul,
 * and the default gradient uses exactly those flags.
 */
export const linear = tf.customGrad(
  ((x: tf.Tensor, w: tf.Tensor, save: tf.GradSaveFunc) => {
    save([x, w]);
    return {
      value: tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [
        tf.matMul(dy as tf.Tensor2D, tf.transpose(saved[1]) as tf.Tensor2D), // dx [rows, dIn]
        tf.matMul(tf.transpose(saved[0]) as tf.Tensor2D, dy as tf.Tensor2D), // dw [dIn, dOut]
      ],
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0],
) as unknown as (x: tf.Tensor, w: tf.Tensor) => tf.Tensor2D;

/** x [..., dIn] @ w [dIn, dOut] -> [..., dOut] via a 2D matMul (what every backend does fastest). */
export function dense(x: tf.Tensor, w: tf.Tensor, b?: tf.Tensor): tf.Tensor {
  const dIn = x.shape[x.shape.length - 1];
  const lead = x.shape.slice(0, -1);
  const flat = tf.reshape(x, [-1, dIn]); // [rows, dIn]
  let y: tf.Tensor = linear(flat, w); // [rows, dOut]
  if (b) y = tf.add(y, b);
  return tf.reshape(y, [...lead, w.shape[1] as number]);
}

/** [batch, len, dModel] -> [batch, heads, len, headDim] */
export function splitHeads(x: tf.Tensor, nHeads: number): tf.Tensor4D {
  const [batch, len, d] = x.shape;
  const split = tf.reshape(x, [batch, len, nHeads, d / nHeads]); // [batch, len, heads, headDim]
  return tf.transpose(split, [0, 2, 1, 3]) as tf.Tensor4D; // [batch, heads, len, headDim]
}

/** [batch, heads, len, headDim] -> [batch, len, dModel] */
export function mergeHeads(x: tf.Tensor): tf.Tensor3D {
  const [batch, heads, len, headDim] = x.shape;
  const t = tf.transpose(x, [0, 2, 1, 3]); // [batch, len, heads, headDim]
  return tf.reshape(t, [batch, len, heads * headDim]) as tf.Tensor3D;
}

/**
 * Scaled dot-product attention with an additive bias.
 * q [batch, heads, lenQ, headDim], k and v [batch, heads, lenK, headDim], bias [lenQ, lenK]
 * -> [batch, heads, lenQ, headDim]
 */
export function attend(q: tf.Tensor4D, k: tf.Tensor4D, v: tf.Tensor4D, bias: tf.Tensor2D): tf.Tensor4D {
  const headDim = q.shape[3];
  const scores = tf.matMul(q, k, false, true); // [batch, heads, lenQ, lenK]
  const weights = tf.softmax(tf.add(tf.mul(scores, 1 / Math.sqrt(headDim)), bias)); // same shape
  return tf.matMul(weights, v) as tf.Tensor4D; // [batch, heads, lenQ, headDim]
}

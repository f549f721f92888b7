/**
 * Adam with decoupled weight decay (AdamW), global-norm clipping and a learning rate given per step.
 * Written out rather than tf.train.adam so the state is plain named arrays (checkpoints resume
 * exactly) and epsilon is explicit (backends disagree on their default epsilon).
 */
import * as tf from '@/lib/tensor/tf';

export interface AdamConfig {
  beta1: number;
  beta2: number;
  /** Added to sqrt(v); explicit because webgl's default differs from the others. */
  epsilon: number;
  /** Decoupled decay applied to matrices only (not norms, biases). */
  weightDecay: number;
  /** Gradients are rescaled so their global L2 norm is at most this (0 = off). */
  clipNorm: number;
}

export const DEFAULT_ADAM: AdamConfig = { beta1: 0.9, beta2: 0.99, epsilon: 1e-8, weightDecay: 0.01, clipNorm: 1 };

export interface AdamState {
  step: number;
  m: Float32Array[];
  v: Float32Array[];
}

export interface Adam {
  /** One update of every variable from its gradient at learning rate lr; returns the pre-clip gradient norm. */
  apply(grads: tf.Tensor[], lr: number): Promise<number>;
  exportState(): Promise<AdamState>;
  importState(state: AdamState): void;
  dispose(): void;
}

export function createAdam(variables: tf.Variable[], config: AdamConfig = DEFAULT_ADAM): Adam {
  // tidy frees the zeros the variables are copied from
  const m = variables.map((v) => tf.tidy(() => tf.variable(tf.zerosLike(v), false)));
  const s = variables.map((v) => tf.tidy(() => tf.variable(tf.zerosLike(v), false)));
  const decays = variables.map((v) => v.rank >= 2);
  let step = 0;
  return {
    async apply(grads, lr) {
      if (grads.length !== variables.length) throw new Error(`Adam.apply: grads must have one entry per variable (${variables.length}), got ${grads.length}`);
      const normT = tf.tidy(() => tf.sqrt(tf.addN(grads.map((g) => tf.sum(tf.square(g))))));
      const norm = (await normT.data())[0];
      normT.dispose();
      step++;
      const scale = config.clipNorm > 0 && norm > config.clipNorm ? config.clipNorm / norm : 1;
      const c1 = 1 - config.beta1 ** step;
      const c2 = 1 - config.beta2 ** step;
      tf.tidy(() => {
        variables.forEach((variable, i) => {
          const g = tf.mul(grads[i], scale);
          m[i].assign(tf.add(tf.mul(m[i], config.beta1), tf.mul(g, 1 - config.beta1)));
          s[i].assign(tf.add(tf.mul(s[i], config.beta2), tf.mul(tf.square(g), 1 - config.beta2)));
          const update = tf.div(tf.div(m[i], c1), tf.add(tf.sqrt(tf.div(s[i], c2)), config.epsilon));
          let next = tf.sub(variable, tf.mul(update, lr));
          if (decays[i] && config.weightDecay > 0) next = tf.sub(next, tf.mul(variable, lr * config.weightDecay));
          variable.assign(next);
        });
      });
      return norm;
    },
    async exportState() {
      return {
        step,
        m: await Promise.all(m.map(async (t) => new Float32Array(await t.data()))),
        v: await Promise.all(s.map(async (t) => new Float32Array(await t.data()))),
      };
    },
    importState(state) {
      if (state.m.length !== variables.length || state.v.length !== variables.length) {
        throw new Error(`Adam.importState: state must hold ${variables.length} moments, got ${state.m.length}`);
      }
      step = state.step;
      tf.tidy(() => {
        variables.forEach((v, i) => {
          m[i].assign(tf.tensor(state.m[i], v.shape));
          s[i].assign(tf.tensor(state.v[i], v.shape));
        });
      });
    },
    dispose() {
      tf.dispose([...m, ...s]);
    },
  };
}

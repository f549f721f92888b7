/** Configuration of the MLP eps-denoiser for low-dimensional points (the 2D toys). */

export interface MlpDenoiserConfig {
  /** Dimension of a point. 2 for the toys. */
  dim: number;
  /** Width of each hidden layer. 128 fits every 2D toy well and trains in about a minute on wasm. */
  hidden: number;
  /** Number of hidden layers. 3: fewer underfit the thin moons/rings, more only slow training. */
  depth: number;
  /** Size of the sinusoidal time embedding (half sines, half cosines). 32 resolves t in 1..1000. */
  timeEmbedDim: number;
  /** Number of diffusion steps the model is trained for (t in 1..T). 1000 as in DDPM. */
  T: number;
  /** Classes for conditioning; 0 = unconditional. With K > 0 the embedding has K + 1 rows: row K is the null class. */
  numClasses: number;
  /** Size of the learned class embedding (ignored when numClasses = 0). 16 is plenty for a handful of classes. */
  classEmbedDim: number;
}

export const DEFAULT_MLP_DENOISER_CONFIG: MlpDenoiserConfig = {
  dim: 2,
  hidden: 128,
  depth: 3,
  timeEmbedDim: 32,
  T: 1000,
  numClasses: 0,
  classEmbedDim: 16,
};

/** Fills defaults and checks every field, naming the bad one. */
export function resolveMlpDenoiserConfig(partial: Partial<MlpDenoiserConfig> = {}): MlpDenoiserConfig {
  const c = { ...DEFAULT_MLP_DENOISER_CONFIG, ...partial };
  const positive = ['dim', 'hidden', 'depth', 'T', 'classEmbedDim'] as const;
  for (const k of positive) {
    if (!Number.isInteger(c[k]) || c[k] < 1) throw new Error(`MlpDenoiserConfig.${k} must be a positive integer, got ${c[k]}`);
  }
  if (!Number.isInteger(c.timeEmbedDim) || c.timeEmbedDim < 2 || c.timeEmbedDim % 2 !== 0) {
    throw new Error(`MlpDenoiserConfig.timeEmbedDim must be an even integer >= 2, got ${c.timeEmbedDim}`);
  }
  if (!Number.isInteger(c.numClasses) || c.numClasses < 0) throw new Error(`MlpDenoiserConfig.numClasses must be an integer >= 0, got ${c.numClasses}`);
  return c;
}

/** The null ("no condition") class index of a config: numClasses (or -1 for unconditional models). */
export function nullClassOf(config: MlpDenoiserConfig): number {
  return config.numClasses > 0 ? config.numClasses : -1;
}

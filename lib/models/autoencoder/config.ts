/** Configuration of the tiny MLP autoencoder that squeezes 16 x 16 glyphs into a plottable latent. */

export interface AutoencoderConfig {
  /** Numbers per input (256 for the 16 x 16 glyphs). */
  inputDim: number;
  /**
   * Widths of the encoder's hidden layers, input side first; the decoder mirrors them.
   * [128, 32]: a funnel narrow enough to keep the net about 80k weights (0.3 MB) yet wide enough
   * that ten digit shapes reconstruct recognisably through two numbers.
   */
  hidden: number[];
  /** Size of the latent code. 2 so lesson 06 can plot it (2 to 4 allowed). */
  latentDim: number;
}

export const DEFAULT_AUTOENCODER_CONFIG: AutoencoderConfig = {
  inputDim: 256,
  hidden: [128, 32],
  latentDim: 2,
};

/** Fills defaults and checks every field, naming the bad one. */
export function resolveAutoencoderConfig(partial: Partial<AutoencoderConfig> = {}): AutoencoderConfig {
  const c = { ...DEFAULT_AUTOENCODER_CONFIG, ...partial };
  if (!Number.isInteger(c.inputDim) || c.inputDim < 1) throw new Error(`AutoencoderConfig.inputDim must be a positive integer, got ${c.inputDim}`);
  if (!Array.isArray(c.hidden) || c.hidden.length === 0 || c.hidden.some((h) => !Number.isInteger(h) || h < 1)) {
    throw new Error(`AutoencoderConfig.hidden must be a non-empty list of positive integers, got ${JSON.stringify(c.hidden)}`);
  }
  if (!Number.isInteger(c.latentDim) || c.latentDim < 2 || c.latentDim > 4) throw new Error(`AutoencoderConfig.latentDim must be an integer in [2, 4], got ${c.latentDim}`);
  return { ...c, hidden: [...c.hidden] };
}

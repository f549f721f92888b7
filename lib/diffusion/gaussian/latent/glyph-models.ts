/**
 * The shipped glyph models (public/models/glyphs/v1/, written by scripts/train-glyphs.ts): an
 * autoencoder 16x16 -> 2D latent, a class-conditional eps-denoiser on its normalised latents, and
 * (for the pixel-vs-latent comparison) a class-conditional eps-denoiser directly on the 256 pixels.
 * Loading goes through a caller-supplied byte fetcher (lib/ never fetches); every failure names the
 * file and says what is wrong with it (missing, truncated, corrupted, wrong shape).
 */
import { makeSchedule, type NoiseSchedule, type ScheduleConfig } from '@/lib/diffusion/gaussian/schedules';
import type { Autoencoder } from '@/lib/models/autoencoder/model';
import { loadAutoencoder, type AutoencoderWeightsEntry } from '@/lib/models/autoencoder/weights';
import { resolveMlpDenoiserConfig, type MlpDenoiserConfig } from '@/lib/models/mlp-denoiser/config';
import { createMlpDenoiser, type MlpDenoiser } from '@/lib/models/mlp-denoiser/model';
import { loadMlpDenoiser, type MlpDenoiserWeightsEntry } from '@/lib/models/mlp-denoiser/weights';
import { checkPinnedManifest } from '@/lib/models/weights/pins';

export const GLYPH_MODELS_FORMAT = 'marble-glyph-models';
/** Site path of the shipped folder (also its path under public/). */
export const GLYPH_MODELS_URL = '/models/glyphs/v1/';

/** Returns the bytes of a file by URL path; rejects (with a reason) when it cannot. */
export type FetchBytes = (url: string) => Promise<ArrayBuffer>;

/**
 * The latent denoiser works on z' = (z - mean) / std per latent coordinate: the diffusion assumes
 * data of about unit scale, which a raw autoencoder code has no reason to have.
 */
export interface LatentNorm {
  mean: number[];
  std: number[];
}

export type LatentDenoiserEntry = MlpDenoiserWeightsEntry & { bytes: number };

export interface GlyphModelsManifest {
  format: typeof GLYPH_MODELS_FORMAT;
  version: number;
  schedule: ScheduleConfig;
  /** Digit classes the conditional models know (0-9); the denoiser's null class is numClasses. */
  classNames: string[];
  latent: LatentNorm;
  models: {
    autoencoder: AutoencoderWeightsEntry & Record<string, unknown>;
    'latent-denoiser': LatentDenoiserEntry & Record<string, unknown>;
    /** Eps-denoiser on raw pixels (dim 256); absent from manifests written before it existed. */
    'pixel-denoiser'?: LatentDenoiserEntry & { prediction: 'eps' | 'x0' } & Record<string, unknown>;
  };
  /** Training record, seeds and measured quality (see scripts/train-glyphs.ts). */
  [key: string]: unknown;
}

function fail(url: string, what: string): never {
  throw new Error(`The glyph models manifest ${url} ${what}`);
}

/** Checks the parsed manifest.json's shape; throws naming the first bad field. */
export function parseGlyphManifest(json: unknown, url = `${GLYPH_MODELS_URL}manifest.json`): GlyphModelsManifest {
  if (!json || typeof json !== 'object') fail(url, 'is not a JSON object');
  const m = json as Partial<GlyphModelsManifest>;
  if (m.format !== GLYPH_MODELS_FORMAT) fail(url, `has format ${JSON.stringify(m.format)}, expected "${GLYPH_MODELS_FORMAT}"`);
  if (!m.schedule || !Number.isInteger(m.schedule.T)) fail(url, 'has no schedule with an integer T');
  if (!Array.isArray(m.classNames) || m.classNames.length < 1) fail(url, 'has no classNames');
  const norm = m.latent;
  if (!norm || !Array.isArray(norm.mean) || !Array.isArray(norm.std) || norm.mean.length !== norm.std.length || norm.std.some((s) => !(s > 0))) {
    fail(url, 'needs latent.mean and latent.std of equal length with positive std');
  }
  for (const id of ['autoencoder', 'latent-denoiser'] as const) {
    const e = m.models?.[id];
    if (!e || typeof e.file !== 'string' || !Number.isInteger(e.bytes) || !/^[0-9a-f]{64}$/.test(String(e.sha256)) || !Array.isArray(e.weights) || !e.config) {
      fail(url, `needs models["${id}"] with file, integer bytes, a hex sha256, weights and config`);
    }
  }
  const ae = m.models!.autoencoder.config;
  if (ae.latentDim !== norm!.mean.length) fail(url, `has latent.mean of length ${norm!.mean.length} but the autoencoder's latentDim is ${ae.latentDim}`);
  const dn = m.models!['latent-denoiser'].config;
  if (dn.dim !== ae.latentDim) fail(url, `has a latent denoiser of dim ${dn.dim} for an autoencoder with latentDim ${ae.latentDim}`);
  if (dn.numClasses !== m.classNames!.length) fail(url, `has a latent denoiser with ${dn.numClasses} classes but ${m.classNames!.length} classNames`);
  const px = m.models!['pixel-denoiser'];
  if (px !== undefined) {
    if (!px || typeof px.file !== 'string' || !Number.isInteger(px.bytes) || !/^[0-9a-f]{64}$/.test(String(px.sha256)) || !Array.isArray(px.weights) || !px.config) {
      fail(url, 'needs models["pixel-denoiser"] (when present) with file, integer bytes, a hex sha256, weights and config');
    }
    if (px.prediction !== 'eps' && px.prediction !== 'x0') fail(url, `has a pixel denoiser with prediction ${JSON.stringify(px.prediction)}, expected "eps" or "x0"`);
    if (px.config.dim !== ae.inputDim) fail(url, `has a pixel denoiser of dim ${px.config.dim} for ${ae.inputDim}-pixel glyphs`);
    if (px.config.numClasses !== m.classNames!.length) fail(url, `has a pixel denoiser with ${px.config.numClasses} classes but ${m.classNames!.length} classNames`);
  }
  return m as GlyphModelsManifest;
}

/** Fetches and checks manifest.json under baseUrl (ending in '/'). */
export async function fetchGlyphManifest(fetchBytes: FetchBytes, baseUrl = GLYPH_MODELS_URL): Promise<GlyphModelsManifest> {
  if (typeof fetchBytes !== 'function') throw new Error('fetchGlyphManifest: fetchBytes must be a function (url) => Promise<ArrayBuffer>');
  const url = `${baseUrl}manifest.json`;
  let bytes: ArrayBuffer;
  try {
    bytes = await fetchBytes(url);
  } catch (err) {
    throw new Error(`The glyph models manifest ${url} is missing or unreadable: ${err instanceof Error ? err.message : String(err)}`);
  }
  await checkPinnedManifest(url, bytes);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (err) {
    throw new Error(`The glyph models manifest ${url} is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return parseGlyphManifest(json, url);
}

/** A weights file's bytes, with its length checked against the manifest before any parsing. */
async function fetchWeightsFile(fetchBytes: FetchBytes, baseUrl: string, entry: { file: string; bytes: number }): Promise<ArrayBuffer> {
  const url = `${baseUrl}${entry.file}`;
  let bytes: ArrayBuffer;
  try {
    bytes = await fetchBytes(url);
  } catch (err) {
    throw new Error(`The weights file ${url} is missing or unreadable: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (bytes.byteLength !== entry.bytes) throw new Error(`The weights file ${url} has ${bytes.byteLength} bytes, the manifest says ${entry.bytes} (truncated or wrong file)`);
  return bytes;
}

/** The shipped autoencoder (sha256 checked). The caller disposes it. */
export async function loadGlyphAutoencoder(manifest: GlyphModelsManifest, fetchBytes: FetchBytes, baseUrl = GLYPH_MODELS_URL): Promise<Autoencoder> {
  const entry = manifest.models.autoencoder;
  return loadAutoencoder(entry, await fetchWeightsFile(fetchBytes, baseUrl, entry));
}

/** Weights of a latent denoiser trained in the page (named arrays plus config). */
export interface LatentDenoiserWeights {
  config: MlpDenoiserConfig;
  weights: Record<string, Float32Array>;
}

export type LatentDenoiserSource = { kind: 'pretrained' } | { kind: 'weights'; value: LatentDenoiserWeights };

/** The latent denoiser a job asked for, checked against the autoencoder it must serve. The caller disposes it. */
export async function loadLatentDenoiser(
  source: LatentDenoiserSource,
  manifest: GlyphModelsManifest,
  fetchBytes: FetchBytes,
  baseUrl = GLYPH_MODELS_URL,
): Promise<MlpDenoiser> {
  let model: MlpDenoiser;
  if (source?.kind === 'weights') {
    const config = resolveMlpDenoiserConfig(source.value?.config);
    if (config.dim !== manifest.models.autoencoder.config.latentDim || config.numClasses !== manifest.classNames.length) {
      throw new Error(`loadLatentDenoiser: source weights must be for dim ${manifest.models.autoencoder.config.latentDim} with ${manifest.classNames.length} classes, got dim ${config.dim} with ${config.numClasses}`);
    }
    model = createMlpDenoiser(config, source.value.weights);
  } else if (source?.kind === 'pretrained') {
    const entry = manifest.models['latent-denoiser'];
    const bytes = await fetchWeightsFile(fetchBytes, baseUrl, entry);
    model = await loadMlpDenoiser(entry, bytes);
  } else {
    throw new Error(`loadLatentDenoiser: source.kind must be 'pretrained' or 'weights', got ${JSON.stringify((source as { kind?: unknown } | undefined)?.kind)}`);
  }
  if (model.config.T !== manifest.schedule.T) {
    model.dispose();
    throw new Error(`loadLatentDenoiser: the model was built for T = ${model.config.T} but the schedule has T = ${manifest.schedule.T}`);
  }
  return model;
}

/**
 * The shipped pixel-space denoiser (eps on the 256 pixels of a glyph, class-conditional with a null
 * class), sha256 and length checked like the other files. The caller disposes it.
 */
export interface GlyphPixelDenoiser {
  model: MlpDenoiser;
  /** What the net outputs: pass it to the pixel sampler with the model. */
  prediction: 'eps' | 'x0';
  dispose(): void;
}

export async function loadGlyphPixelDenoiser(manifest: GlyphModelsManifest, fetchBytes: FetchBytes, baseUrl = GLYPH_MODELS_URL): Promise<GlyphPixelDenoiser> {
  const entry = manifest.models['pixel-denoiser'];
  if (!entry) throw new Error(`loadGlyphPixelDenoiser: the glyph models manifest under ${baseUrl} has no models["pixel-denoiser"] (retrain with npm run train:glyphs)`);
  const model = await loadMlpDenoiser(entry, await fetchWeightsFile(fetchBytes, baseUrl, entry));
  if (model.config.T !== manifest.schedule.T) {
    model.dispose();
    throw new Error(`loadGlyphPixelDenoiser: the model was built for T = ${model.config.T} but the schedule has T = ${manifest.schedule.T}`);
  }
  return { model, prediction: entry.prediction, dispose: () => model.dispose() };
}

/** The noise schedule the glyph models were trained with. */
export function glyphSchedule(manifest: GlyphModelsManifest): NoiseSchedule {
  return makeSchedule(manifest.schedule);
}

/** z -> (z - mean) / std, row-major [n * d]. */
export function normalizeLatents(z: Float32Array, norm: LatentNorm): Float32Array {
  const d = norm.mean.length;
  if (z.length % d !== 0) throw new Error(`normalizeLatents: z length ${z.length} must be a multiple of the latent size ${d}`);
  const out = new Float32Array(z.length);
  for (let i = 0; i < z.length; i++) out[i] = (z[i] - norm.mean[i % d]) / norm.std[i % d];
  return out;
}

/** z' -> z' * std + mean (inverse of normalizeLatents). */
export function denormalizeLatents(z: Float32Array, norm: LatentNorm): Float32Array {
  const d = norm.mean.length;
  if (z.length % d !== 0) throw new Error(`denormalizeLatents: z length ${z.length} must be a multiple of the latent size ${d}`);
  const out = new Float32Array(z.length);
  for (let i = 0; i < z.length; i++) out[i] = z[i] * norm.std[i % d] + norm.mean[i % d];
  return out;
}

/** Per-coordinate mean and std of latents [n * d]. */
export function latentNormOf(z: Float32Array, d: number): LatentNorm {
  const n = z.length / d;
  if (!Number.isInteger(n) || n < 2) throw new Error(`latentNormOf: z must hold at least 2 rows of ${d}, got length ${z.length}`);
  const mean = new Array<number>(d).fill(0);
  const std = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) mean[k] += z[i * d + k] / n;
  for (let i = 0; i < n; i++) for (let k = 0; k < d; k++) std[k] += (z[i * d + k] - mean[k]) ** 2 / (n - 1);
  return { mean, std: std.map((v) => Math.sqrt(v)) };
}

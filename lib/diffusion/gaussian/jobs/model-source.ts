/**
 * Where a job's 2D denoiser comes from: the shipped pretrained weights (fetched through the job
 * context, checked against the manifest's sha256) or weights a training job returned to the page.
 * Every failure says which file failed and why, so a widget can offer training from scratch instead.
 */
import type { JobContext } from '@/lib/runtime/protocol';
import { makeSchedule, type NoiseSchedule } from '@/lib/diffusion/gaussian/schedules';
import type { MlpDenoiserConfig } from '@/lib/models/mlp-denoiser/config';
import { createMlpDenoiser, type MlpDenoiser } from '@/lib/models/mlp-denoiser/model';
import { loadMlpDenoiser, type MlpDenoiserManifest } from '@/lib/models/mlp-denoiser/weights';
import { checkPinnedManifest } from '@/lib/models/weights/pins';

/** The folder of the shipped 2D denoisers (scripts/train-denoiser-2d.ts writes it). */
export const DENOISER_2D_URL = '/models/denoiser-2d/v1/';

/** Weights as a training job returns them: named float32 arrays plus the config and schedule. */
export interface DenoiserWeights {
  config: MlpDenoiserConfig;
  weights: Record<string, Float32Array>;
}

export type DenoiserSource =
  | { kind: 'pretrained'; id: string; baseUrl?: string }
  | { kind: 'weights'; value: DenoiserWeights };

export interface LoadedDenoiser {
  model: MlpDenoiser;
  schedule: NoiseSchedule;
}

/** The linear DDPM schedule every course model is trained with (T from the model's config). */
export function courseSchedule(T: number): NoiseSchedule {
  return makeSchedule({ kind: 'linear', T });
}

/** Fetches and parses the manifest; errors name the URL. */
export async function fetchDenoiserManifest(context: JobContext, baseUrl = DENOISER_2D_URL): Promise<MlpDenoiserManifest> {
  const url = `${baseUrl}manifest.json`;
  const bytes = await context.fetchBytes(url);
  await checkPinnedManifest(url, bytes);
  let manifest: MlpDenoiserManifest;
  try {
    manifest = JSON.parse(new TextDecoder().decode(bytes)) as MlpDenoiserManifest;
  } catch (err) {
    throw new Error(`The pretrained manifest ${url} is not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (manifest.format !== 'marble-mlp-denoiser' || !manifest.models) throw new Error(`${url} is not a marble-mlp-denoiser manifest`);
  return manifest;
}

/** Builds the model a job asked for. The caller owns the result and must dispose the model. */
export async function loadDenoiser(source: DenoiserSource, context: JobContext): Promise<LoadedDenoiser> {
  if (source.kind === 'weights') {
    const model = createMlpDenoiser(source.value.config, source.value.weights);
    return { model, schedule: courseSchedule(model.config.T) };
  }
  if (source.kind !== 'pretrained') throw new Error(`loadDenoiser: source.kind must be 'pretrained' or 'weights', got ${String((source as { kind: unknown }).kind)}`);
  const baseUrl = source.baseUrl ?? DENOISER_2D_URL;
  const manifest = await fetchDenoiserManifest(context, baseUrl);
  const entry = manifest.models[source.id];
  if (!entry) throw new Error(`The pretrained manifest has no model "${source.id}" (it has: ${Object.keys(manifest.models).join(', ')})`);
  const bytes = await context.fetchBytes(`${baseUrl}${entry.file}`);
  const model = await loadMlpDenoiser(entry, bytes);
  const schedule = makeSchedule({ ...manifest.schedule, T: manifest.schedule.T });
  if (schedule.T !== model.config.T) {
    model.dispose();
    throw new Error(`The manifest's schedule has T = ${schedule.T} but model "${source.id}" was built for T = ${model.config.T}`);
  }
  return { model, schedule };
}

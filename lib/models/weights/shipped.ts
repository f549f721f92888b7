/**
 * Where the shipped language models live (under public/, so served at the site root), and one call
 * that loads any of them through a caller-supplied byte fetcher.
 */
import type { Transformer } from '@/lib/models/transformer/model';
import { loadTransformer, parseManifest, type FetchBytes } from './load';
import type { WeightsManifest } from './format';
import { checkPinnedManifest } from './pins';

export type ShippedModelName = 'ar' | 'mdlm' | 'bd3';
export const SHIPPED_MODEL_NAMES: readonly ShippedModelName[] = ['ar', 'mdlm', 'bd3'];
/** The version the site loads (public/models/<name>/v<N>/); a retrained model gets a new one, so no cache serves stale weights. */
export const SHIPPED_LM_VERSION = 9;

/** Directory of a shipped model relative to the site root / public/ (no leading slash). */
export function shippedModelDir(name: ShippedModelName, version = SHIPPED_LM_VERSION): string {
  if (!SHIPPED_MODEL_NAMES.includes(name)) throw new Error(`name must be one of ${SHIPPED_MODEL_NAMES.join(', ')}, got ${String(name)}`);
  return `models/${name}/v${version}`;
}

/**
 * Loads a shipped model. `fetchBytes` gets paths relative to the site root / public/, e.g.
 * 'models/ar/v3/manifest.json' (browser: (p) => fetch('/' + p).then((r) => r.arrayBuffer());
 * Node: read public/<p> from disk). Returns the model and its manifest (metrics for captions).
 */
export async function loadShippedModel(name: ShippedModelName, fetchBytes: FetchBytes, version = SHIPPED_LM_VERSION): Promise<{ model: Transformer; manifest: WeightsManifest }> {
  const dir = shippedModelDir(name, version);
  let manifestBytes: ArrayBuffer;
  try {
    manifestBytes = await fetchBytes(`${dir}/manifest.json`);
  } catch (err) {
    throw new Error(`manifest of ${dir} is missing or unreadable: ${(err as Error).message}`);
  }
  // The manifest must be the one pinned in code (pinned-manifests.ts) before any of it is trusted.
  await checkPinnedManifest(`${dir}/manifest.json`, manifestBytes);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(manifestBytes));
  } catch {
    throw new Error(`manifest of ${dir} is not valid JSON`);
  }
  const manifest = parseManifest(json, `${dir}/manifest.json`);
  const model = await loadTransformer(manifest, (p) => fetchBytes(`${dir}/${p}`));
  return { model, manifest };
}

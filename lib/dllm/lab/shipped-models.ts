import { SHIPPED_MODEL_NAMES, loadShippedModel as loadShippedModelFiles, type ShippedModelName } from '@/lib/models/weights/shipped';
import type { Transformer } from '@/lib/models/transformer';

/** The three trained models shipped under public/models/<name>/v<SHIPPED_LM_VERSION>/ (same size, same data). */
export const SHIPPED_MODELS = SHIPPED_MODEL_NAMES;
export type ShippedModel = ShippedModelName;

const loaded = new Map<ShippedModel, Promise<Transformer>>();

/**
 * Loads a shipped model once per realm (the page's worker, or a Node process) and keeps it: decoding
 * many prompts must not download or upload the weights again. `fetchBytes` takes site URLs
 * (/models/...), as the worker's job context provides; the loader checks length and sha256 of
 * every file and says which one is missing, truncated or corrupted.
 */
export function loadShippedModel(name: ShippedModel, fetchBytes: (url: string) => Promise<ArrayBuffer>): Promise<Transformer> {
  let model = loaded.get(name);
  if (!model) {
    model = loadShippedModelFiles(name, (path) => fetchBytes(`/${path}`)).then(({ model: m }) => m);
    loaded.set(name, model);
    // A failed load is not kept: the reader may retry once the file is fixed.
    model.catch(() => loaded.delete(name));
  }
  return model;
}

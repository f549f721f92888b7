import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SHIPPED_LM_VERSION, SHIPPED_MODEL_NAMES } from '@/lib/models/weights/shipped';
import { buildFacts, type BenchFacts, type Facts, type ManifestFacts } from './measured-facts';

/** The benchmark file the facts read (written by npm run bench:dllm). */
export const BENCH_FILE = 'bench-results/dllm.json';

let cached: Facts | null = null;

/** Facts from the shipped manifests and the benchmark JSON on disk (read once per process). */
export function loadFacts(root = process.cwd()): Facts {
  if (cached && root === process.cwd()) return cached;
  const manifests = SHIPPED_MODEL_NAMES.map((name) => JSON.parse(readFileSync(/*turbopackIgnore: true*/ path.join(root, 'public', 'models', name, `v${SHIPPED_LM_VERSION}`, 'manifest.json'), 'utf8')) as ManifestFacts);
  const benchPath = path.join(root, BENCH_FILE);
  const bench = existsSync(/*turbopackIgnore: true*/ benchPath) ? (JSON.parse(readFileSync(/*turbopackIgnore: true*/ benchPath, 'utf8')) as BenchFacts) : null;
  const facts = buildFacts(manifests, bench && Array.isArray(bench.rows) && bench.goals?.checks ? bench : null);
  if (root === process.cwd()) cached = facts;
  return facts;
}

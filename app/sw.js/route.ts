import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { serviceWorkerSource } from '@/lib/offline/service-worker';

// Rendered once at build time (also into a static export's out/sw.js).
export const dynamic = 'force-static';

const PUBLIC = path.join(process.cwd(), 'public');

/** Files under a public/ folder, as site paths. */
function filesUnder(folder: string): string[] {
  const dir = path.join(PUBLIC, folder);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const rel = `${folder}/${name}`;
    return statSync(path.join(PUBLIC, rel)).isDirectory() ? filesUnder(rel) : [`/${rel}`];
  });
}

/** The weight folders this build ships: /models/<name>/v<N>/. */
function modelFolders(): string[] {
  const folders = new Set<string>();
  for (const file of filesUnder('models')) {
    const match = /^\/models\/[^/]+\/v\d+\//.exec(file);
    if (match) folders.add(match[0]);
  }
  return [...folders].sort();
}

const BUILT_AT = new Date().toISOString();

export function GET(): Response {
  const source = serviceWorkerSource({
    version: BUILT_AT,
    shell: ['/', '/offline', ...filesUnder('tfjs-wasm').filter((f) => f.endsWith('.wasm') || f.endsWith('.js'))],
    offlinePage: '/offline',
    modelFolders: modelFolders(),
  });
  return new Response(source, {
    headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' },
  });
}

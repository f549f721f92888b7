// After `npm run export`: writes out/_headers (the format Netlify and Cloudflare Pages read) with the
// same headers `next start` sends (security-headers.mjs), so a static host serves the same policy.
// Other hosts: copy the rules by hand (docs/hosting.md lists them).
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { embedPolicy, IMMUTABLE, pagePolicy, WORKER_ENTRY_FILE, workerPolicy } from '../security-headers.mjs';
import { crossOriginIsolationHeaders } from '../next.config.mjs';

const out = path.resolve('out');
if (!existsSync(out)) {
  console.error('write-host-headers: out/ does not exist; run `npm run export` first');
  process.exit(1);
}

/** Site paths of files under out/ whose name matches. */
function find(dir, test) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return find(full, test);
    return test(name) ? ['/' + path.relative(out, full).split(path.sep).join('/')] : [];
  });
}

const block = (pattern, headers) => [pattern, ...headers.map(([k, v]) => `  ${k}: ${v}`)].join('\n');
const isolation = crossOriginIsolationHeaders.map(({ key, value }) => [key, value]);
const rules = [
  block('/*', [...isolation, ['Content-Security-Policy', pagePolicy()], ['X-Content-Type-Options', 'nosniff'], ['Referrer-Policy', 'strict-origin-when-cross-origin']]),
  block('/embed/*', [['Content-Security-Policy', embedPolicy()], ['Cross-Origin-Resource-Policy', 'cross-origin']]),
  // The workers' shared entry script (Turbopack's turbopack-worker-<hash>.js), found by name.
  ...find(path.join(out, '_next', 'static'), (name) => WORKER_ENTRY_FILE.test(name))
    .map((file) => block(file, [['Content-Security-Policy', workerPolicy()]])),
  block('/models/*', [['Cache-Control', IMMUTABLE]]),
  block('/tfjs-wasm/*', [['Cache-Control', IMMUTABLE]]),
];
writeFileSync(path.join(out, '_headers'), rules.join('\n\n') + '\n');
console.log(`write-host-headers: ${rules.length} rules → out/_headers`);

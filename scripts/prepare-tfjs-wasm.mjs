// Runs after `npm install`. Serves the tfjs wasm backend from our own public/ folder (no CDN) and
// lets it use threads in a bundled app:
// 1. copies the .wasm binaries to public/tfjs-wasm/<version>/ (versioned, so they may be cached for a
//    year; lib/tensor/wasm-files.ts names the folder);
// 2. copies the threaded backend's unminified Emscripten script there too;
// 3. lets tfjs-backend-wasm load its thread workers from that file. By default it builds the thread
//    script from `factory.toString()`, which breaks once a bundler minifies the factory (the thread
//    workers then fail with "ReferenceError: r is not defined"). The patch reads an override URL from
//    globalThis.__marbleWasmThreadedScript and keeps the original behaviour when it is not set.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const pkg = path.resolve('node_modules/@tensorflow/tfjs-backend-wasm');
if (!existsSync(pkg)) {
  console.warn('prepare-tfjs-wasm: @tensorflow/tfjs-backend-wasm is not installed; skipping');
  process.exit(0);
}
const version = JSON.parse(readFileSync(path.join(pkg, 'package.json'), 'utf8')).version;
// The folder is generated (git-ignored): start it afresh so no other version lingers.
rmSync(path.resolve('public/tfjs-wasm'), { recursive: true, force: true });
const to = path.resolve('public/tfjs-wasm', version);
mkdirSync(to, { recursive: true });
const binaries = readdirSync(path.join(pkg, 'dist')).filter((f) => f.endsWith('.wasm'));
for (const file of binaries) copyFileSync(path.join(pkg, 'dist', file), path.join(to, file));
copyFileSync(path.join(pkg, 'wasm-out/tfjs-backend-wasm-threaded-simd.js'), path.join(to, 'tfjs-backend-wasm-threaded-simd.js'));

const MARK = '/* marble: threaded script override */';
const target = path.join(pkg, 'dist/backend_wasm.js');
const source = readFileSync(target, 'utf8');
const original = 'factoryConfig.mainScriptUrlOrBlob = new Blob(';
let patched = 'already patched';
if (!source.includes(MARK)) {
  if (source.includes(original)) {
    writeFileSync(target, source.replace(original, `factoryConfig.mainScriptUrlOrBlob = ${MARK} globalThis.__marbleWasmThreadedScript ?? new Blob(`));
    patched = 'patched';
  } else {
    patched = 'NOT patched (tfjs changed; wasm threads may fail in production builds)';
  }
}
console.log(`prepare-tfjs-wasm: ${binaries.length} binaries + threaded script → public/tfjs-wasm/${version}/; backend_wasm.js ${patched}`);

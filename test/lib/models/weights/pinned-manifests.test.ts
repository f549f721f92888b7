import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PINNED_MANIFESTS } from '@/lib/models/weights/pinned-manifests';
import { checkPinnedManifest, pinKey } from '@/lib/models/weights/pins';
import { parseManifest } from '@/lib/models/weights/load';
import { loadShippedModel, SHIPPED_LM_VERSION } from '@/lib/models/weights/shipped';

const root = path.resolve('public/models');
const shipped = fs.readdirSync(root).flatMap((name) => fs.readdirSync(path.join(root, name))
  .filter((v) => /^v\d+$/.test(v) && fs.existsSync(path.join(root, name, v, 'manifest.json')))
  .map((v) => `models/${name}/${v}/manifest.json`));
const bytesOf = (key: string) => fs.readFileSync(path.join('public', key));
const FIX = 'run `npm run pin:manifests` (scripts/pin-manifests.mjs) to regenerate lib/models/weights/pinned-manifests.ts';

describe('pinned manifests (lib/models/weights/pinned-manifests.ts)', () => {
  it('pins every shipped manifest with its exact sha256', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(7);
    for (const key of shipped) {
      const actual = createHash('sha256').update(bytesOf(key)).digest('hex');
      if (PINNED_MANIFESTS[key] !== actual) {
        throw new Error(`${key} ${PINNED_MANIFESTS[key] ? `hashes to ${actual}, pinned ${PINNED_MANIFESTS[key]}` : 'has no pin'}: ${FIX}`);
      }
    }
  });

  it('has no pin for a manifest that is not shipped', () => {
    const stale = Object.keys(PINNED_MANIFESTS).filter((key) => !shipped.includes(key));
    if (stale.length) throw new Error(`pins for missing manifests ${stale.join(', ')}: ${FIX}`);
  });

  it('refuses a manifest whose bytes changed by one character, naming the file', async () => {
    const key = `models/ar/v${SHIPPED_LM_VERSION}/manifest.json`;
    const text = bytesOf(key).toString('utf8').replace('"offset": 26112', '"offset": 26116');
    expect(text).not.toBe(bytesOf(key).toString('utf8'));
    await expect(checkPinnedManifest(`/${key}`, new TextEncoder().encode(text))).rejects.toThrow(
      new RegExp(`^${key.replace(/[./]/g, '\\$&')} has sha256 [0-9a-f]{64}, but its pin is ${PINNED_MANIFESTS[key]}`),
    );
    await expect(checkPinnedManifest(`/${key}`, bytesOf(key))).resolves.toBeUndefined();
  });

  it('refuses a shipped path with no pin, and leaves other paths alone', async () => {
    await expect(checkPinnedManifest('/models/ar/v999/manifest.json', new Uint8Array(1))).rejects.toThrow(/models\/ar\/v999\/manifest\.json has no pinned sha256.*npm run pin:manifests/);
    await expect(checkPinnedManifest('test://fixture/manifest.json', new Uint8Array(1))).resolves.toBeUndefined();
    expect(pinKey('/models/short-mdlm/v1/manifest.json')).toBe('models/short-mdlm/v1/manifest.json');
    expect(pinKey('/models/ar/v3/weights.bin')).toBeNull();
  });

  it('loadShippedModel stops at the pin before parsing a tampered manifest', async () => {
    const key = `models/mdlm/v${SHIPPED_LM_VERSION}/manifest.json`;
    const tampered = JSON.parse(bytesOf(key).toString('utf8'));
    tampered.tensors[1].shape = [tampered.tensors[1].shape[0] + 1, tampered.tensors[1].shape[1]];
    const fetchBytes = async (p: string) => {
      if (p.endsWith('manifest.json')) return new TextEncoder().encode(JSON.stringify(tampered, null, 2)).buffer as ArrayBuffer;
      throw new Error('weights must not be fetched');
    };
    await expect(loadShippedModel('mdlm', fetchBytes)).rejects.toThrow(/PinnedManifestError|but its pin is/);
  });

  it('every shipped weights manifest passes the strict checks', () => {
    for (const key of shipped) {
      const json = JSON.parse(bytesOf(key).toString('utf8'));
      if (json.format !== 'marble-weights-v1') continue;
      expect(parseManifest(json, key).tensors.length).toBeGreaterThan(0);
    }
  });
});

describe('strict manifest checks name the file and field', () => {
  const key = `models/ar/v${SHIPPED_LM_VERSION}/manifest.json`;
  const base = () => JSON.parse(bytesOf(key).toString('utf8'));
  const cases: [string, (m: ReturnType<typeof base>) => void, RegExp][] = [
    ['misaligned offset', (m) => { m.tensors[2].offset += 2; }, /tensors\[2\] \("[^"]+"\)\.offset must be a non-negative multiple of 4, got \d+/],
    ['overlapping offset', (m) => { m.tensors[2].offset -= 4; }, /tensors\[2\] \("[^"]+"\)\.offset overlaps tensors\[1\]/],
    ['shape past the file end', (m) => { m.tensors[m.tensors.length - 1].shape[0] += 1; }, /\.offset \+ shape \[[\d,]+\] ends at byte \d+, past the end of "weights.bin"/],
    ['zero dimension', (m) => { m.tensors[0].shape = [0, 128]; }, /tensors\[0\] \("tok_emb"\)\.shape must be a list of positive integers, got \[0,128\]/],
    ['wrong dtype', (m) => { m.tensors[0].dtype = 'float16'; }, /tensors\[0\] \("tok_emb"\)\.dtype must be "float32", got "float16"/],
    ['unsafe file name', (m) => { m.files[0].path = '../x.bin'; }, /files\[0\]\.path must be a plain file name/],
    ['parameter count', (m) => { m.parameters += 1; }, /manifest\.parameters is \d+ but the tensors hold 641024 values/],
  ];
  for (const [label, change, expected] of cases) {
    it(`rejects a ${label}`, () => {
      const m = base();
      change(m);
      expect(() => parseManifest(m, key)).toThrow(new RegExp(`^${key.replace(/[./]/g, '\\$&')}: `));
      expect(() => parseManifest(m, key)).toThrow(expected);
    });
  }
});

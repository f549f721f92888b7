/**
 * Trains the glyph models shipped for lesson 06's latent diffusion and writes public/models/glyphs/v1/:
 *   autoencoder.bin       16x16 glyph -> 2D latent -> 16x16 (MLP, about 80k weights)
 *   latent-denoiser.bin   class-conditional eps-denoiser on the normalised latents, with a null class
 *   pixel-denoiser.bin    the same kind of eps-denoiser directly on the 256 pixels (the baseline that
 *                         latent diffusion is compared with: fidelity, diversity, seconds per sample)
 *   manifest.json         configs, seeds, steps, loss curves, sha256 and byte length per file, metrics:
 *                         reconstruction MSE vs the mean-image baseline, reference classifier accuracy,
 *                         fidelity and diversity of guided samples at w = 0, 1, 3, 8 (latent) and
 *                         w = 0, 1, 3 (pixel), seconds per 64 guided samples in each space
 * Seeded, wasm backend in Node. Usage: npm run train:glyphs [-- --quick] [-- --out <dir>]
 * --quick trains a few dozen steps (seconds; used by the tests) and must not overwrite the shipped files.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { register } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { quick: { type: 'boolean', default: false }, out: { type: 'string' } } });
const QUICK = args.quick === true;
const OUT_DIR = path.resolve(process.cwd(), args.out ?? 'public/models/glyphs/v1');
if (QUICK && !args.out) throw new Error('--quick needs --out <dir>: quick weights must never replace the shipped ones');

// tfjs-core's ESM build uses extension-less imports; this hook (shared with the other train scripts)
// lets Node resolve them. Everything that touches tfjs is imported after it, dynamically.
register('./train-resolve-hook.mjs', import.meta.url);
const tf = await import('@/lib/tensor/tf');
const { setWasmPaths } = await import('@tensorflow/tfjs-backend-wasm');
const { createRng } = await import('@/lib/math/rng');
const { linearSchedule } = await import('@/lib/diffusion/gaussian/schedules');
const { GLYPH_CLASS_NAMES, GLYPH_DIGITS, GLYPH_PIXELS, sampleGlyphs } = await import('@/lib/data/glyphs');
const { createAutoencoder, encodeArray, decodeArray, reconstructionMse, serializeAutoencoder, trainAutoencoder } = await import('@/lib/models/autoencoder');
const { createMlpDenoiser, serializeMlpDenoiser, trainMlpDenoiser } = await import('@/lib/models/mlp-denoiser');
const { accuracy, classifyGlyphs, meanPairwiseDistance, referenceGlyphClassifier } = await import('@/lib/metrics/glyph-quality');
const { latentNormOf, normalizeLatents } = await import('@/lib/diffusion/gaussian/latent/glyph-models');
const { guidedGlyphs, measureGuidance } = await import('@/lib/diffusion/gaussian/latent/guided-glyphs');
const { guidedPixelGlyphs, measurePixelGuidance } = await import('@/lib/diffusion/gaussian/latent/pixel-glyphs');


const SEEDS = { trainData: 201, heldOutData: 202, autoencoder: 21, aeBatches: 1021, denoiser: 22, denoiserBatches: 1022, sampling: 31, classifier: 4242, pixelDenoiser: 23, pixelDenoiserBatches: 1023, timing: 41 };
const DATA = { train: QUICK ? 600 : 6000, heldOut: QUICK ? 200 : 1000 };
// Noise on the codes plus a small penalty on their size (a VAE with a fixed posterior variance, the
// role of the KL term in latent diffusion's autoencoders): without it the codes spread over tens of
// units and guided samples that overshoot a cluster decode to another digit (measured with a plain
// autoencoder: fidelity fell from 1.0 at w = 3 to 0.93, in another run 0.6, at w = 8).
const AE_TRAIN = { steps: QUICK ? 60 : 3000, batchSize: 128, learningRate: 3e-3, latentNoise: 0.05, latentPenalty: 1e-3, seed: SEEDS.aeBatches };
const DENOISER_MODEL = { dim: 2, hidden: 128, depth: 3, numClasses: GLYPH_DIGITS.length };
// 0.995 EMA and a cosine decay as for the 2D toys; 15% label dropout teaches the null class for guidance.
const DENOISER_TRAIN = { steps: QUICK ? 60 : 3000, batchSize: 128, learningRate: 2e-3, pUncond: 0.15, seed: SEEDS.denoiserBatches };
const GUIDANCE_WS = [0, 1, 3, 8];
// The pixel-space baseline: the same MLP denoiser with dim 256. Hidden 128 and depth 2 keep it at
// about 95k weights (380 KB, like the autoencoder) and ~30 ms a step on wasm, so 3,000 steps take
// about 90 s on one core; the time embedding and class enter every layer as for the latent model.
const PIXEL_DENOISER_MODEL = { dim: GLYPH_PIXELS, hidden: 128, depth: 2, numClasses: GLYPH_DIGITS.length };
// It predicts x0, not eps: 128 hidden units cannot pass the 256-dim noise through (trained on eps,
// its loss stalled at 0.57 and DDIM returned noise at every w, fidelity 0.11); x0 lies on the glyphs'
// low-dimensional manifold.
const PIXEL_DENOISER_TRAIN = { steps: QUICK ? 60 : 3000, batchSize: 128, learningRate: 2e-3, pUncond: 0.15, prediction: 'x0' as const, seed: SEEDS.pixelDenoiserBatches };
const PIXEL_GUIDANCE_WS = [0, 1, 3];
// Sampling cost: 64 samples of one class at w = 3 with DDIM-50 (the latent run includes its decode);
// one warm-up run each, then the median of TIMING.repeats runs.
const TIMING = { n: 64, w: 3, repeats: QUICK ? 1 : 5 };
const EVAL = { perClass: QUICK ? 4 : 50, ddimSteps: QUICK ? 10 : 50 };

async function startWasm(): Promise<void> {
  setWasmPaths(path.resolve(process.cwd(), 'node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
  if (!(await tf.setBackend('wasm'))) throw new Error('wasm backend failed to start');
  await tf.ready();
}

const round = (x: number, d = 5) => Number(x.toFixed(d));
const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / Math.max(1, a.length);

/** Mean loss over consecutive windows (a readable curve for the manifest). */
function lossCurve(losses: Float32Array, window: number): { step: number; loss: number }[] {
  const out: { step: number; loss: number }[] = [];
  for (let s = 0; s < losses.length; s += window) {
    const part = losses.subarray(s, Math.min(losses.length, s + window));
    out.push({ step: s + part.length, loss: round(mean(part)) });
  }
  return out;
}

/** MSE on `images` of always answering the mean image of `train` (what a useless autoencoder scores). */
function meanImageMse(train: Float32Array, images: Float32Array): number {
  const m = new Float64Array(GLYPH_PIXELS);
  const n = train.length / GLYPH_PIXELS;
  for (let i = 0; i < n; i++) for (let p = 0; p < GLYPH_PIXELS; p++) m[p] += train[i * GLYPH_PIXELS + p] / n;
  let s = 0;
  for (let i = 0; i < images.length; i++) s += (images[i] - m[i % GLYPH_PIXELS]) ** 2;
  return s / images.length;
}

/** Mean over classes of the within-class mean pairwise distance (the data's own diversity). */
function withinClassDiversity(images: Float32Array, labels: Int32Array, perClass: number): number {
  const values: number[] = [];
  for (const k of GLYPH_DIGITS) {
    const idx = [...labels.keys()].filter((i) => labels[i] === k).slice(0, perClass);
    const sub = new Float32Array(idx.length * GLYPH_PIXELS);
    idx.forEach((i, j) => sub.set(images.subarray(i * GLYPH_PIXELS, (i + 1) * GLYPH_PIXELS), j * GLYPH_PIXELS));
    if (idx.length >= 2) values.push(meanPairwiseDistance(sub));
  }
  return mean(values);
}

async function writeBin(file: string, data: Float32Array): Promise<{ file: string; bytes: number; sha256: string }> {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  await writeFile(path.join(OUT_DIR, file), bytes);
  return { file, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function main(): Promise<void> {
  const started = performance.now();
  await startWasm();
  await mkdir(OUT_DIR, { recursive: true });
  const schedule = linearSchedule(1000);
  const train = sampleGlyphs(DATA.train, createRng(SEEDS.trainData), { classes: GLYPH_DIGITS });
  const heldOut = sampleGlyphs(DATA.heldOut, createRng(SEEDS.heldOutData), { classes: GLYPH_DIGITS });
  const classifier = referenceGlyphClassifier(SEEDS.classifier);

  // 1. The autoencoder.
  const ae = createAutoencoder({}, SEEDS.autoencoder);
  let t0 = performance.now();
  const aeRun = await trainAutoencoder(ae, train.images, AE_TRAIN, {
    onStep: (s, l) => { if (s % 500 === 0) console.log(`autoencoder step ${s} loss ${l.toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`); },
  });
  const aeSeconds = (performance.now() - t0) / 1000;
  const recon = await decodeArray(ae, await encodeArray(ae, heldOut.images));
  const aeMetrics = {
    heldOutImages: DATA.heldOut,
    reconstructionMse: round(await reconstructionMse(ae, heldOut.images)),
    meanImageMse: round(meanImageMse(train.images, heldOut.images)),
    classifierAccuracyClean: round(accuracy(classifyGlyphs(classifier, heldOut.images), heldOut.labels), 4),
    classifierAccuracyReconstructed: round(accuracy(classifyGlyphs(classifier, recon), heldOut.labels), 4),
  };
  console.log('autoencoder', JSON.stringify(aeMetrics));

  // 2. The class-conditional latent denoiser on normalised codes of the training glyphs.
  const z = await encodeArray(ae, train.images);
  const norm = latentNormOf(z, 2);
  const denoiser = createMlpDenoiser(DENOISER_MODEL, SEEDS.denoiser);
  t0 = performance.now();
  const dnRun = await trainMlpDenoiser(denoiser, schedule, { points: normalizeLatents(z, norm), labels: train.labels }, DENOISER_TRAIN, {
    onStep: (s, l) => { if (s % 500 === 0) console.log(`latent denoiser step ${s} loss ${l.toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`); },
  });
  const dnSeconds = (performance.now() - t0) / 1000;

  // 3. Guidance sweep: EVAL.perClass samples per class at each w, scored by the reference classifier.
  t0 = performance.now();
  const sweep = await measureGuidance({ autoencoder: ae, denoiser, schedule, norm, n: EVAL.perClass, steps: EVAL.ddimSteps }, classifier, GUIDANCE_WS, SEEDS.sampling);
  const guidance = {
    sampler: `DDIM-${EVAL.ddimSteps}, eta 0`,
    samplesPerClass: EVAL.perClass,
    classes: GLYPH_DIGITS.length,
    byW: sweep.map((r) => ({ w: r.w, fidelity: round(r.fidelity, 4), diversity: round(r.diversity, 4), fidelityPerClass: r.perClass.map((f) => round(f, 3)) })),
    chanceFidelity: round(1 / GLYPH_DIGITS.length, 4),
    dataDiversity: round(withinClassDiversity(heldOut.images, heldOut.labels, EVAL.perClass), 4),
    reconstructedDiversity: round(withinClassDiversity(recon, heldOut.labels, EVAL.perClass), 4),
    seconds: round((performance.now() - t0) / 1000, 1),
  };
  console.log('guidance', JSON.stringify(guidance.byW.map(({ w, fidelity, diversity }) => ({ w, fidelity, diversity }))));

  // 4. The pixel-space denoiser, trained on the same glyphs (pixels in [-1, 1], no autoencoder).
  const pixelDenoiser = createMlpDenoiser(PIXEL_DENOISER_MODEL, SEEDS.pixelDenoiser);
  t0 = performance.now();
  const pxRun = await trainMlpDenoiser(pixelDenoiser, schedule, { points: train.images, labels: train.labels }, PIXEL_DENOISER_TRAIN, {
    onStep: (s, l) => { if (s % 500 === 0) console.log(`pixel denoiser step ${s} loss ${l.toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`); },
  });
  const pxSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const pxSweep = await measurePixelGuidance({ denoiser: pixelDenoiser, prediction: PIXEL_DENOISER_TRAIN.prediction, schedule, n: EVAL.perClass, steps: EVAL.ddimSteps }, classifier, PIXEL_GUIDANCE_WS, SEEDS.sampling);
  const pixelGuidance = {
    sampler: `DDIM-${EVAL.ddimSteps}, eta 0, final pixels clipped to [-1, 1]`,
    samplesPerClass: EVAL.perClass,
    classes: GLYPH_DIGITS.length,
    byW: pxSweep.map((r) => ({ w: r.w, fidelity: round(r.fidelity, 4), diversity: round(r.diversity, 4), fidelityPerClass: r.perClass.map((f) => round(f, 3)) })),
    chanceFidelity: round(1 / GLYPH_DIGITS.length, 4),
    seconds: round((performance.now() - t0) / 1000, 1),
  };
  console.log('pixel guidance', JSON.stringify(pixelGuidance.byW.map(({ w, fidelity, diversity }) => ({ w, fidelity, diversity }))));

  // 5. Cost of sampling in each space, same machine, same run.
  const timeIt = async (run: () => Promise<unknown>): Promise<number> => {
    await run(); // warm-up (kernel compilation, allocation)
    const times: number[] = [];
    for (let r = 0; r < TIMING.repeats; r++) {
      const s0 = performance.now();
      await run();
      times.push((performance.now() - s0) / 1000);
    }
    return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  };
  const timingBase = { schedule, n: TIMING.n, steps: EVAL.ddimSteps, w: TIMING.w, classLabel: 3, seed: SEEDS.timing };
  const latentSecondsPer64 = await timeIt(() => guidedGlyphs({ ...timingBase, autoencoder: ae, denoiser, norm }));
  const pixelSecondsPer64 = await timeIt(() => guidedPixelGlyphs({ ...timingBase, denoiser: pixelDenoiser, prediction: PIXEL_DENOISER_TRAIN.prediction }));
  const countWeights = (specs: { shape: number[] }[]) => specs.reduce((a, w) => a + w.shape.reduce((x, y) => x * y, 1), 0);
  const dnWeights = countWeights((await serializeMlpDenoiser(denoiser)).specs);
  const pxWeights = countWeights((await serializeMlpDenoiser(pixelDenoiser)).specs);
  const sampling = {
    what: `${TIMING.n} samples, one class, w = ${TIMING.w}, DDIM-${EVAL.ddimSteps} (${EVAL.ddimSteps} batched guided evaluations), median of ${TIMING.repeats} after a warm-up, backend ${tf.getBackend()}`,
    latentSecondsPer64: round(latentSecondsPer64, 4),
    pixelSecondsPer64: round(pixelSecondsPer64, 4),
    pixelOverLatent: round(pixelSecondsPer64 / latentSecondsPer64, 2),
    latentDenoiserWeights: dnWeights,
    pixelDenoiserWeights: pxWeights,
    valuesPerSample: { latent: denoiser.config.dim, pixel: pixelDenoiser.config.dim },
  };
  console.log('sampling', JSON.stringify(sampling));

  const aeBin = await serializeAutoencoder(ae);
  const dnBin = await serializeMlpDenoiser(denoiser);
  const aeFile = await writeBin('autoencoder.bin', aeBin.data);
  const dnFile = await writeBin('latent-denoiser.bin', dnBin.data);
  const pxBin = await serializeMlpDenoiser(pixelDenoiser);
  const pxFile = await writeBin('pixel-denoiser.bin', pxBin.data);
  const finalLoss = (l: Float32Array) => round(mean(l.subarray(Math.max(0, l.length - 200))));
  const manifest = {
    format: 'marble-glyph-models',
    version: 1,
    createdBy: 'scripts/train-glyphs.ts',
    quick: QUICK,
    backend: tf.getBackend(),
    schedule: { kind: 'linear', T: 1000, betaStart: 1e-4, betaEnd: 0.02 },
    classNames: GLYPH_DIGITS.map((k) => GLYPH_CLASS_NAMES[k]),
    seeds: SEEDS,
    data: { generator: 'lib/data/glyphs.ts sampleGlyphs, digits 0-9, jitter 1', train: { n: DATA.train, seed: SEEDS.trainData }, heldOut: { n: DATA.heldOut, seed: SEEDS.heldOutData } },
    latent: { mean: norm.mean.map((v) => round(v, 6)), std: norm.std.map((v) => round(v, 6)) },
    models: {
      autoencoder: {
        ...aeFile,
        config: ae.config,
        weights: aeBin.specs,
        modelSeed: SEEDS.autoencoder,
        train: { ...aeRun.config, loss: 'mean squared pixel error', wallSeconds: round(aeSeconds, 1), finalLoss: finalLoss(aeRun.losses), lossCurve: lossCurve(aeRun.losses, 100) },
        metrics: aeMetrics,
      },
      'latent-denoiser': {
        ...dnFile,
        config: denoiser.config,
        weights: dnBin.specs,
        modelSeed: SEEDS.denoiser,
        train: { ...dnRun.config, wallSeconds: round(dnSeconds, 1), finalLoss: finalLoss(dnRun.losses), lossCurve: lossCurve(dnRun.losses, 100) },
      },
      'pixel-denoiser': {
        ...pxFile,
        prediction: PIXEL_DENOISER_TRAIN.prediction,
        config: pixelDenoiser.config,
        weights: pxBin.specs,
        modelSeed: SEEDS.pixelDenoiser,
        train: { ...pxRun.config, data: 'training glyph pixels in [-1, 1], no autoencoder', wallSeconds: round(pxSeconds, 1), finalLoss: finalLoss(pxRun.losses), lossCurve: lossCurve(pxRun.losses, 100) },
        metrics: { guidance: pixelGuidance, sampling },
      },
    },
    metrics: { autoencoder: aeMetrics, guidance, pixelGuidance, sampling },
    totalSeconds: round((performance.now() - started) / 1000, 1),
  };
  await writeFile(path.join(OUT_DIR, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  ae.dispose();
  denoiser.dispose();
  pixelDenoiser.dispose();
  console.log(`wrote ${OUT_DIR} (${aeFile.bytes + dnFile.bytes + pxFile.bytes} bytes of weights) in ${manifest.totalSeconds} s`);
}

main().catch((err) => { console.error(err); process.exit(1); });

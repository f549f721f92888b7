/**
 * Notebooks a reader can start the playground from. Each is plain cells (no outputs); they use
 * only what a cell has in scope: tf, marble, show, plot, table, image, console.
 */
import type { CellKind } from '@/lib/notebook/notebook';

export interface NotebookTemplate {
  id: string;
  name: string;
  description: string;
  cells: Array<{ kind: CellKind; source: string }>;
}

const md = (source: string) => ({ kind: 'markdown' as const, source });
const code = (source: string) => ({ kind: 'code' as const, source });

export const TEMPLATES: readonly NotebookTemplate[] = [
  {
    id: 'tfjs-basics',
    name: 'TensorFlow.js basics',
    description: 'Tensors, a matrix product, an image, and a line fitted by gradient descent.',
    cells: [
      md('# TensorFlow.js basics\n\nEvery cell runs in a worker with `tf` on this page\'s backend. Use `show`, `plot`, `table` and `image` to look at results.'),
      code("const a = tf.tensor2d([[1, 2], [3, 4]]);\nshow(tf.matMul(a, a));\nshow(`backend: ${tf.getBackend()}`);\nimage(tf.randomUniform([28, 28], 0, 1, 'float32', 3), 'uniform noise, 28 x 28');"),
      md('Fit $y = 2x + 1$ from noisy points, minimising the mean squared error $\\frac{1}{n}\\sum_i (w x_i + b - y_i)^2$.'),
      code("// tf here is tfjs-core: ops are functions (tf.mul(a, b)), not tensor methods.\nconst xs = tf.linspace(-1, 1, 50);\nconst ys = tf.add(tf.add(tf.mul(xs, 2), 1), tf.randomNormal([50], 0, 0.1, 'float32', 1));\nconst w = tf.variable(tf.scalar(0));\nconst b = tf.variable(tf.scalar(0));\nconst optimizer = tf.train.sgd(0.1);\nconst losses: number[] = [];\nfor (let step = 0; step < 100; step++) {\n  const loss = optimizer.minimize(() => tf.losses.meanSquaredError(ys, tf.add(tf.mul(xs, w), b)), true);\n  losses.push((await loss!.data())[0]);\n  loss!.dispose();\n}\nplot(losses, { title: 'Training loss', xLabel: 'step', yLabel: 'MSE' });\nshow({ w, b });"),
    ],
  },
  {
    id: 'masked-diffusion',
    name: 'Masked diffusion: corrupt and restore',
    description: 'Mask a sentence at several noise levels with MDLM, then unmask it a few tokens per step.',
    cells: [
      md('# Corrupt and restore a sentence\n\nMasked diffusion replaces each token by `[MASK]` with probability $1 - \\alpha_t$, independently. Shown as `_` below.'),
      code("const { VOCAB } = marble.data.text;\nconst { mdlm } = marble.discrete;\nconst sentence = 'the cat sat on the red mat.';\nconst tokens = VOCAB.encode(sentence);\nconst rng = marble.createRng(7);\ntable([1, 0.75, 0.5, 0.25, 0].map((alpha) => ({ alpha, text: VOCAB.decode(mdlm.maskTokens(tokens, alpha, VOCAB.mask, rng).noisy) })));"),
      md('To generate, start from all masks and unmask a few positions per step. A trained model would choose its most confident predictions; here an oracle that knows the sentence stands in for it, and positions are picked at random.'),
      code("const steps = 6;\nconst plan = mdlm.tokensPerStep(tokens.length, steps);\nconst x = new Int32Array(tokens.length).fill(VOCAB.mask);\nconst confidence = new Float64Array(tokens.length);\nfor (let s = 0; s < steps; s++) {\n  const eligible = x.map((t) => (t === VOCAB.mask ? 1 : 0));\n  for (const i of mdlm.chooseToUnmask(confidence, eligible, plan[s], 'random', rng)) x[i] = tokens[i];\n  console.log(`step ${s + 1} (+${plan[s]}): ${VOCAB.decode(x)}`);\n}"),
    ],
  },
  {
    id: 'dllm-decode',
    name: 'Decode with the small dLLM',
    description: 'Load the trained masked diffusion model and watch it fill a story in blocks.',
    cells: [
      md('# Decode with the small dLLM\n\nThe course\'s masked diffusion model (MDLM, 0.6 M parameters) was trained on short stories and small tasks. Loading fetches its weights from this site once.'),
      code("const { VOCAB, BOS_ID, MASK_ID, EOS_ID, PAD_ID } = marble.data.text;\nconst model = await marble.loadModel('mdlm');\nconst prompt = Int32Array.from([BOS_ID, ...VOCAB.encode('mia went to the park. ')]);\nshow(`${model.config.maxLen} positions, ${model.config.vocabSize} tokens in the vocabulary`);"),
      md('Start from 32 masks after the prompt and reveal one position per step, in blocks of 8 (semi-autoregressive), the most confident first. Each line is one step; `_` is still masked.'),
      code("const result = await marble.dllm.runDecoder(\n  marble.dllm.decodeMasked(model, prompt, { ids: { maskId: MASK_ID, eosId: EOS_ID, padId: PAD_ID }, genLength: 32, blockLength: 8, seed: 0 }),\n  (step) => console.log(VOCAB.decode(step.tokens.slice(prompt.length), { stopAtEos: false })),\n);\nshow(`${result.nfe} forward passes: ${VOCAB.decode(Array.from(result.generated))}`);"),
    ],
  },
  {
    id: 'ddpm-two-moons',
    name: 'DDPM on two moons',
    description: 'Train a small denoiser on 2D points and sample with DDPM.',
    cells: [
      md('# DDPM on two moons\n\nThe data: 1000 points on two interleaved half circles.'),
      code("const rng = marble.createRng(0);\nconst data = marble.data.sampleToy2d('two-moons', 1000, rng);\nplot(data, { title: 'Training data' });"),
      md('Train an MLP to predict the noise $\\epsilon$ in $x_t = \\sqrt{\\bar\\alpha_t}\\,x_0 + \\sqrt{1 - \\bar\\alpha_t}\\,\\epsilon$ (a few hundred steps: a quick, rough model).'),
      code("const { gaussian } = marble;\nconst { mlpDenoiser } = marble.models;\nconst schedule = gaussian.linearSchedule(1000);\nconst model = mlpDenoiser.createMlpDenoiser({ dim: 2, hidden: 64, depth: 3 }, 1);\nconst { losses } = await mlpDenoiser.trainMlpDenoiser(model, schedule, data, { steps: 300, batchSize: 128 });\nplot(Array.from(losses), { title: 'Training loss', xLabel: 'step', yLabel: 'loss' });"),
      code("const samples = await gaussian.runToEnd(gaussian.sampleDdpm({\n  epsModel: mlpDenoiser.epsModelFromDenoiser(model), schedule, n: 500, rng: marble.createRng(1), yieldEvery: 100,\n}));\nplot({ points: samples }, { title: 'DDPM samples' });"),
    ],
  },
];

/**
 * Figures about the shipped models and the benchmark, computed from the files that measured them
 * (the weights manifests and bench-results/dllm.json), never typed by hand. Lessons show them with
 * <Measured fact="..."/>, the map and the README from the same table, so a retrain or a bench rerun
 * updates every sentence that quotes them. Each fact says where it was measured.
 */

/** Where a figure comes from: when the model was trained, the benchmark run, or a paper. */
export type FactTag = 'trained' | 'bench' | 'paper';

export interface Fact {
  /** The figure as shown ("93.5%", "2.4x", "641,024"). */
  display: string;
  value: number | string;
  tag: FactTag;
  /** One line: the file (or paper) and how it was measured. */
  source: string;
}

export type Facts = Readonly<Record<string, Fact>>;

/** The parts of a weights manifest the facts read. */
export interface ManifestFacts {
  name: string;
  version: number;
  parameters: number;
  steps: number;
  training: { wallTimeSeconds?: number; stage?: string };
  metrics: { heldoutLoss?: number; taskAccuracy?: { overall: number; count: number } };
}

interface ProportionLike { rate: number; ci95: [number, number]; n: number }

/** The parts of bench-results/dllm.json the facts read. */
export interface BenchFacts {
  when?: string;
  backend: string;
  rows: {
    method: string;
    set: string;
    genLength: number;
    accuracy: ProportionLike | null;
    storyValidity: ProportionLike | null;
    tokensPerForward: number;
    tokensPerSecond: number;
    nfe: number;
  }[];
  goals: { checks: { goal: string; met: boolean; method: string }[] };
}

const percent = (x: number) => `${(100 * x).toFixed(x === 1 || x === 0 ? 0 : 1)}%`;
const ratio = (x: number) => `${x < 10 ? x.toFixed(1) : x.toFixed(0)}x`;

/** The fast method the goals judged a set on (the first goal line that names the set). */
function bestOf(bench: BenchFacts, set: string): string | undefined {
  return bench.goals.checks.find((c) => c.goal.includes(`long ${set} `) || (set === 'tasks' && c.goal.startsWith('short: best cached')) || (set === 'stories' && c.goal.startsWith('short: best cached + parallel diffusion story')))?.method;
}

export function buildFacts(manifests: readonly ManifestFacts[], bench: BenchFacts | null): Facts {
  const facts: Record<string, Fact> = {};
  for (const m of manifests) {
    const source = `public/models/${m.name}/v${m.version}/manifest.json, measured when the model was trained`;
    const put = (key: string, display: string, value: number) => { facts[`model.${m.name}.${key}`] = { display, value, tag: 'trained', source }; };
    put('parameters', m.parameters.toLocaleString('en-US'), m.parameters);
    put('steps', m.steps.toLocaleString('en-US'), m.steps);
    put('version', `v${m.version}`, m.version);
    if (m.training.wallTimeSeconds !== undefined) put('trainingMinutes', String(Math.round(m.training.wallTimeSeconds / 60)), m.training.wallTimeSeconds / 60);
    if (m.metrics.heldoutLoss !== undefined) put('heldoutLoss', m.metrics.heldoutLoss.toFixed(2), m.metrics.heldoutLoss);
    if (m.metrics.taskAccuracy) put('taskAccuracy', percent(m.metrics.taskAccuracy.overall), m.metrics.taskAccuracy.overall);
  }
  if (bench) {
    const source = `bench-results/dllm.json (npm run bench:dllm${bench.when ? `, ${bench.when.slice(0, 10)}` : ''}, ${bench.backend} in Node, fresh held-out instances)`;
    const put = (key: string, display: string, value: number | string) => { facts[`bench.${key}`] = { display, value, tag: 'bench', source }; };
    const sets = [...new Set(bench.rows.map((r) => r.set))];
    for (const set of sets) {
      const rows = bench.rows.filter((r) => r.set === set);
      const arKv = rows.find((r) => r.method === 'ar-kv');
      const vanilla = rows.find((r) => r.method === 'mdlm-vanilla');
      const best = bestOf(bench, set);
      const keys = best ? [...rows.map((r) => [r.method, r] as const), ['best', rows.find((r) => r.method === best)!] as const] : rows.map((r) => [r.method, r] as const);
      for (const [id, r] of keys) {
        if (!r) continue;
        const score = r.accuracy ?? r.storyValidity;
        const at = `${set}.${id}`;
        if (id === 'best') put(`${at}.method`, r.method, r.method);
        if (score) {
          put(`${at}.${r.accuracy ? 'accuracy' : 'validity'}`, percent(score.rate), score.rate);
          put(`${at}.ci95`, `${(100 * score.ci95[0]).toFixed(0)}-${(100 * score.ci95[1]).toFixed(0)}%`, `${score.ci95[0]}-${score.ci95[1]}`);
          put(`${at}.instances`, String(score.n), score.n);
        }
        put(`${at}.tokensPerPass`, r.tokensPerForward.toFixed(2), r.tokensPerForward);
        put(`${at}.passes`, r.nfe.toFixed(1), r.nfe);
        put(`${at}.tokensPerSecond`, r.tokensPerSecond.toFixed(0), r.tokensPerSecond);
        if (arKv) put(`${at}.vsArKv`, ratio(r.tokensPerSecond / arKv.tokensPerSecond), r.tokensPerSecond / arKv.tokensPerSecond);
        if (vanilla) put(`${at}.vsVanilla`, ratio(r.tokensPerSecond / vanilla.tokensPerSecond), r.tokensPerSecond / vanilla.tokensPerSecond);
      }
      const genLength = rows[0]?.genLength;
      if (genLength !== undefined) put(`${set}.genLength`, String(genLength), genLength);
    }
    const met = bench.goals.checks.filter((c) => c.met).length;
    put('goals.met', `${met} of ${bench.goals.checks.length}`, met);
  }
  return facts;
}

/** The fact, or an error that names the unknown key and the nearest known ones. */
export function lookupFact(facts: Facts, key: string): Fact {
  const fact = facts[key];
  if (fact) return fact;
  const prefix = key.split('.').slice(0, 2).join('.');
  const near = Object.keys(facts).filter((k) => k.startsWith(prefix)).slice(0, 12);
  throw new Error(`unknown measured fact "${key}"${near.length ? `; known under ${prefix}: ${near.join(', ')}` : `; facts start with model.<ar|mdlm|bd3>. or bench.<set>.<method>.`}`);
}

export const TAG_LABEL: Record<FactTag, string> = { trained: 'measured at training', bench: 'measured by the benchmark', paper: 'published in a paper' };

'use client';
/**
 * The MDLM NELBO term by term (lesson 09): a held-out example is masked at time t with a seed, the
 * shipped MDLM model runs once in the page's worker ('mdlm-nelbo' job), and every masked position's
 * -log p_theta(x0 | x_t) is listed with the weight 1/t; the weighted sum is this sample's loss.
 *
 * Usage in MDX: <NelboTerms />
 */
import { useId, useMemo, useState } from 'react';
import { exampleStream } from '@/lib/data/text/corpus';
import type { NelboJobResult, NelboJobTerm } from '@/lib/dllm/lab/nelbo-job';
import { useWorkerJob } from '@/components/hooks/use-worker-job';

function heldOutExamples(): Array<{ prompt: string; answer: string }> {
  const next = exampleStream(11, 'heldout');
  const out: Array<{ prompt: string; answer: string }> = [];
  const kinds = new Map<string, number>();
  for (let tries = 0; out.length < 6 && tries < 2000; tries++) {
    const ex = next();
    const n = kinds.get(ex.kind === 'story' ? 'story' : 'task') ?? 0;
    if (n >= 3) continue;
    kinds.set(ex.kind === 'story' ? 'story' : 'task', n + 1);
    out.push({ prompt: ex.prompt, answer: ex.answer });
  }
  return out;
}

const show = (name: string) => (name === ' ' ? '␣' : name);

export function NelboTerms() {
  const id = useId();
  const examples = useMemo(heldOutExamples, []);
  const [index, setIndex] = useState(0);
  const [t, setT] = useState(0.4);
  const [seed, setSeed] = useState(1);
  const [result, setResult] = useState<NelboJobResult | null>(null);
  const job = useWorkerJob<NelboJobResult, { stage: string }>();
  const example = examples[index];

  async function run() {
    const r = await job.start('mdlm-nelbo', { prompt: example.prompt, answer: example.answer, t, seed });
    if (r) setResult(r);
  }

  const real = result?.terms.filter((x) => x.targetName !== '[PAD]') ?? [];
  const pads = result?.terms.filter((x) => x.targetName === '[PAD]') ?? [];
  const padNll = pads.reduce((s, x) => s + x.nll, 0);
  const maxNll = Math.max(1e-9, ...real.map((x) => x.nll), padNll);
  const row = (x: NelboJobTerm) => (
    <tr key={x.position}>
      <td>{x.position}</td>
      <td><code>{show(x.targetName)}</code></td>
      <td><code>{show(x.topName)}</code> {x.topProb.toFixed(2)}</td>
      <td>{x.prob.toFixed(3)}</td>
      <td className="nelbo-bar-cell">
        <span className="nelbo-bar" style={{ width: `${(100 * x.nll) / maxNll}%` }} aria-hidden="true" />
        {x.nll.toFixed(3)}
      </td>
    </tr>
  );

  return (
    <section className="widget discrete-widget" aria-labelledby={`${id}-title`} data-testid="nelbo-terms">
      <h3 id={`${id}-title`}>The NELBO of one sequence, term by term</h3>
      <div className="discrete-controls">
        <label>
          Held-out example
          <select value={index} onChange={(e) => setIndex(Number(e.target.value))} data-testid="nelbo-example">
            {examples.map((ex, i) => <option key={i} value={i}>{(ex.prompt + ex.answer).slice(0, 40)}</option>)}
          </select>
        </label>
        <label className="discrete-controls__wide">
          <span>Time t = <output data-testid="nelbo-t">{t.toFixed(2)}</output> (each answer token masked with probability t; weight 1/t = {(1 / t).toFixed(2)})</span>
          <input type="range" min={0.05} max={1} step={0.05} value={t} onChange={(e) => setT(Number(e.target.value))} aria-label="Diffusion time t" />
        </label>
        <label>
          Mask seed
          <input type="number" min={0} max={9999} value={seed} onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)))} className="discrete-number" />
        </label>
        <button type="button" className="button" onClick={run} disabled={job.status === 'running'} data-testid="nelbo-run">
          {job.status === 'running' ? 'Running the model…' : 'Mask and run the model'}
        </button>
      </div>
      {job.error ? <p className="notice notice--warning" role="alert">{job.error}</p> : null}
      {result ? (
        <div data-testid="nelbo-result" data-loss={result.loss} data-sum={result.sumNll} data-masked={result.terms.length}>
          <p className="discrete-line"><span className="discrete-line__label">x_0</span> <code>{result.cleanText}</code></p>
          <p className="discrete-line"><span className="discrete-line__label">x_t</span> <code>{result.noisyText}</code></p>
          <table className="data-table discrete-table">
            <caption>
              Every masked position (prompt and [BOS] are never masked). p is the model&apos;s probability of the true token; its
              guess is the most likely token.
            </caption>
            <thead>
              <tr><th scope="col">position</th><th scope="col">true x_0</th><th scope="col">model&apos;s guess</th><th scope="col">p(x_0 | x_t)</th><th scope="col">−log p</th></tr>
            </thead>
            <tbody>
              {real.map(row)}
              {pads.length ? (
                <tr>
                  <td>{pads.length} positions</td><td><code>[PAD]</code> (after the end)</td><td>—</td><td>—</td>
                  <td className="nelbo-bar-cell"><span className="nelbo-bar" style={{ width: `${(100 * padNll) / maxNll}%` }} aria-hidden="true" />{padNll.toFixed(3)} in total</td>
                </tr>
              ) : null}
            </tbody>
          </table>
          <dl className="facts">
            <dt>Masked positions</dt><dd>{result.terms.length} of {result.regionLength}</dd>
            <dt>Σ −log p</dt><dd data-testid="nelbo-sum">{result.sumNll.toFixed(3)} nats</dd>
            <dt>Weight w(t) = 1/t</dt><dd>{result.weight.toFixed(3)}</dd>
            <dt>Loss = w(t) · Σ −log p</dt><dd data-testid="nelbo-loss">{result.loss.toFixed(3)} nats</dd>
            <dt>Per answer-region token</dt><dd>{(result.loss / result.regionLength).toFixed(3)} nats</dd>
          </dl>
        </div>
      ) : (
        <p className="discrete-note">Press the button: the model runs once, in a background worker, on your machine.</p>
      )}
    </section>
  );
}

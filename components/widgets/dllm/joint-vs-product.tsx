'use client';
/**
 * Product of marginals vs the joint, exactly (lesson 12): two dependent positions over three
 * tokens, the true joint as a 3 x 3 table next to what one-pass parallel decoding samples (the
 * product of the two marginals). A threshold slider shows when Fast-dLLM's rule commits both
 * positions in one pass, and the exact error that costs. Pure: lib/dllm/joint-vs-product.ts.
 *
 * Usage in MDX: <JointVsProduct />
 */
import { useId, useMemo, useState } from 'react';
import { impossibleMass, lessonEightJoint, mirrorJoint, productOfMarginals, thresholdOutcome, totalCorrelation, totalVariation, type PairJoint } from '@/lib/dllm/joint-vs-product';

const PRESETS: Record<string, { label: string; joint: () => PairJoint }> = {
  toy: { label: "lesson 08's toy: aa .4, bc .3, cb .2, ab .1", joint: lessonEightJoint },
  mirror: { label: 'a letter and its mirror: aa, bb, cc, 1/3 each', joint: () => mirrorJoint(['a', 'b', 'c']) },
};

function Grid({ title, tokens, probs, joint, testId }: { title: string; tokens: readonly string[]; probs: ArrayLike<number>; joint: PairJoint; testId: string }) {
  const k = tokens.length;
  return (
    <table className="fast-grid" data-testid={testId}>
      <caption>{title}</caption>
      <thead><tr><th scope="col">x₁ \ x₂</th>{tokens.map((t) => <th key={t} scope="col">{t}</th>)}</tr></thead>
      <tbody>
        {tokens.map((a, i) => (
          <tr key={a}>
            <th scope="row">{a}</th>
            {tokens.map((b, j) => {
              const p = probs[k * i + j];
              const never = joint.probs[k * i + j] === 0;
              return <td key={b} className={never && p > 0 ? 'fast-grid__never' : undefined} style={{ background: `rgba(0,114,178,${Math.min(1, p * 2)})`, color: p > 0.3 ? '#fff' : undefined }}>{p.toFixed(2)}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function JointVsProduct() {
  const id = useId();
  const [preset, setPreset] = useState<keyof typeof PRESETS>('toy');
  const [tau, setTau] = useState(0.3);
  const joint = useMemo(() => PRESETS[preset].joint(), [preset]);
  const product = useMemo(() => productOfMarginals(joint), [joint]);
  const outcome = thresholdOutcome(joint, tau);
  return (
    <section className="widget fast-widget" aria-labelledby={`${id}-title`} data-testid="joint-vs-product">
      <h3 id={`${id}-title`}>Two dependent tokens: the joint vs the product of marginals</h3>
      <div className="race-controls">
        <label>
          Distribution
          <select value={preset} onChange={(e) => setPreset(e.target.value as keyof typeof PRESETS)} data-testid="jvp-preset">
            {Object.entries(PRESETS).map(([k, v]) => <option key={k} value={k}>{v.label}</option>)}
          </select>
        </label>
        <label>
          Threshold τ <output data-testid="jvp-tau">{tau.toFixed(2)}</output>
          <input type="range" min={0} max={0.95} step={0.05} value={tau} onChange={(e) => setTau(Number(e.target.value))} data-testid="jvp-tau-input" />
        </label>
      </div>
      <div className="fast-grids">
        <Grid title="True joint p(x₁, x₂)" tokens={joint.tokens} probs={joint.probs} joint={joint} testId="jvp-joint" />
        <Grid title="One pass: p(x₁) p(x₂)" tokens={joint.tokens} probs={product} joint={joint} testId="jvp-product" />
      </div>
      <p data-testid="jvp-impossible">
        Sampling both positions in one pass writes a pair that <strong>never occurs</strong> with probability <strong>{impossibleMass(joint).toFixed(2)}</strong> (outlined cells);
        total variation from the joint {totalVariation(product, joint.probs).toFixed(2)}, total correlation {totalCorrelation(joint).toFixed(3)} nats.
      </p>
      <p data-testid="jvp-outcome" aria-live="polite">
        Confidences on the first pass: {outcome.confidences.map((c) => c.toFixed(2)).join(' and ')}. With τ = {tau.toFixed(2)} the threshold rule{' '}
        {outcome.together
          ? <>commits <strong>both in one pass</strong>: error (TV) {outcome.error.toFixed(2)}, impossible pairs {outcome.impossible.toFixed(2)}.</>
          : <>commits <strong>one, then the other</strong> given the first (2 passes): the pair follows the joint exactly, error 0.</>}
      </p>
      <p className="fast-note">Exact sums over the 9 pairs, no sampling; the model is assumed perfect, so every error here is the decoding rule&apos;s.</p>
    </section>
  );
}

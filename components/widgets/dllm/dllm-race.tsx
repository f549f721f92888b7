'use client';
/**
 * The race: a decoding method of the small diffusion LM against its autoregressive twin, on the same
 * prompt, each drawn as an unmasking timeline with live NFE and tokens/s counters. Runs in the page's
 * model worker on the shipped weights (public/models/{ar,mdlm,bd3}/v<SHIPPED_LM_VERSION>).
 * The two racers run one after the other, so each one's wall time is its own (run together in one
 * worker, each would be charged for the other's passes). Methods come from the one method table
 * (lib/dllm/methods.ts) the benchmark uses.
 *
 * Usage in MDX: <DllmRace /> (DEFAULT_RACE_METHOD) or <DllmRace method="bd3-prefix-cache-threshold" />
 */
import { useMemo, useRef, useState } from 'react';
import { VOCAB } from '@/lib/data/text/tokenizer';
import { DEFAULT_RACE_METHOD, defaultLabKnobs, readsBlockSize, LAB_METHODS, LAB_METHOD_INFO, isLabMethod, type LabMethod } from '@/lib/dllm/lab/lab-methods';
import type { LabResult, LabStep } from '@/lib/dllm/lab/lab-decode';
import { startPageRuntime } from '@/components/runtime/page-runtime';
import { JobCancelledError, type JobHandle } from '@/components/runtime/model-worker-client';
import { RacePanel, type RunState } from './race-panel';
import { racePrompts, type RacePrompt } from './race-prompts';
import { RaceVerdict } from './race-verdict';

const IDLE: RunState = { status: 'idle', steps: [] };

export function DllmRace({ method: initialMethod = DEFAULT_RACE_METHOD }: { method?: string }) {
  const prompts = useMemo(() => racePrompts(), []);
  const [method, setMethod] = useState<LabMethod>(isLabMethod(initialMethod) ? initialMethod : DEFAULT_RACE_METHOD);
  const [prompt, setPrompt] = useState(prompts[0]?.prompt ?? '');
  // The knobs start where the benchmark measures (the one method table's defaults).
  const start = defaultLabKnobs(prompts[0]?.genLength ?? 64);
  const [genLength, setGenLength] = useState(start.genLength);
  const [blockSize, setBlockSize] = useState(start.blockSize);
  const [tau, setTau] = useState(start.tau);
  const [factor, setFactor] = useState(start.factor);
  const [runs, setRuns] = useState<{ dllm: RunState; ar: RunState }>({ dllm: IDLE, ar: IDLE });
  const handles = useRef<JobHandle<LabResult>[]>([]);
  const stopped = useRef(false);

  let promptError: string | null = null;
  try {
    VOCAB.encode(prompt);
  } catch (err) {
    promptError = err instanceof Error ? err.message.replace(/^Tokenizer\.encode: /, '') : String(err);
  }
  const running = [runs.dllm.status, runs.ar.status].some((st) => st === 'running' || st === 'waiting');
  const choosePrompt = (text: string) => {
    setPrompt(text);
    const chosen = prompts.find((p) => p.prompt === text);
    if (chosen) setGenLength(chosen.genLength);
  };

  async function run() {
    if (promptError) return;
    setRuns({ dllm: { status: 'running', steps: [] }, ar: { status: 'waiting', steps: [] } });
    let client;
    try {
      client = await startPageRuntime();
    } catch (err) {
      const error = `The model runtime could not start: ${err instanceof Error ? err.message : String(err)}`;
      setRuns({ dllm: { status: 'error', steps: [], error }, ar: { status: 'error', steps: [], error } });
      return;
    }
    const seed = 1;
    /** Runs one racer to its end; false when the reader stopped it. */
    const race = async (side: 'dllm' | 'ar', which: LabMethod): Promise<boolean> => {
      setRuns((r) => ({ ...r, [side]: { status: 'running', steps: [] } }));
      const job = client.run<LabResult, LabStep>('dllm-decode', { method: which, prompt, genLength, blockSize, tau, factor, seed }, {
        onProgress: (step) => setRuns((r) => ({ ...r, [side]: { ...r[side], steps: [...r[side].steps, step] } })),
      });
      handles.current = [job];
      try {
        const result = await job.result;
        setRuns((r) => ({ ...r, [side]: { ...r[side], status: 'done', result } }));
        return true;
      } catch (err) {
        const stopped = err instanceof JobCancelledError;
        setRuns((r) => ({ ...r, [side]: stopped ? { ...r[side], status: 'stopped' } : { ...r[side], status: 'error', error: err instanceof Error ? err.message : String(err) } }));
        return !stopped;
      }
    };
    stopped.current = false;
    const carryOn = await race('dllm', method);
    if (carryOn && !stopped.current) await race('ar', 'ar-kv');
    else setRuns((r) => ({ ...r, ar: { ...r.ar, status: 'stopped' } }));
  }

  function stop() {
    stopped.current = true;
    for (const job of handles.current) job.cancel();
  }

  return (
    <section className="widget dllm-race" aria-labelledby="dllm-race-title" data-testid="dllm-race">
      <h3 id="dllm-race-title">The race: diffusion vs autoregression</h3>
      <div className="race-controls">
        <label>
          Method
          <select value={method} onChange={(e) => setMethod(e.target.value as LabMethod)} disabled={running}>
            {LAB_METHODS.filter((m) => m !== 'ar-kv').map((m) => (
              <option key={m} value={m}>{LAB_METHOD_INFO[m].label}</option>
            ))}
          </select>
        </label>
        <label>
          Held-out prompt
          <select value={prompts.some((p) => p.prompt === prompt) ? prompt : '(own)'} onChange={(e) => choosePrompt(e.target.value)} disabled={running}>
            <PromptGroup label="Long answers (parallel decoding pays)" prompts={prompts.filter((p) => p.group === 'long')} />
            <PromptGroup label="Short answers and a story" prompts={prompts.filter((p) => p.group === 'short')} />
            <option value="(own)" disabled hidden>your own prompt</option>
          </select>
        </label>
        <label className="race-controls__wide">
          Or type a prompt
          <input type="text" value={prompt} onChange={(e) => setPrompt(e.target.value.toLowerCase())} disabled={running} aria-invalid={promptError ? true : undefined} aria-describedby="race-prompt-error" spellCheck={false} />
        </label>
        <label>
          Tokens to generate <output>{genLength}</output>
          <input type="range" min={8} max={256} step={8} value={genLength} onChange={(e) => setGenLength(Number(e.target.value))} disabled={running} />
        </label>
        <label>
          Masked-diffusion block <output>{blockSize}</output>
          <input type="range" min={4} max={64} step={4} value={blockSize} onChange={(e) => setBlockSize(Number(e.target.value))} disabled={running || !readsBlockSize(method)} />
        </label>
        <label>
          Threshold tau <output>{tau.toFixed(2)}</output>
          <input type="range" min={0.5} max={0.99} step={0.01} value={tau} onChange={(e) => setTau(Number(e.target.value))} disabled={running} />
        </label>
        <label>
          Factor f <output>{factor.toFixed(1)}</output>
          <input type="range" min={0.2} max={3} step={0.1} value={factor} onChange={(e) => setFactor(Number(e.target.value))} disabled={running} />
        </label>
      </div>
      <p id="race-prompt-error" data-testid="race-prompt-error" className={promptError ? 'notice notice--warning' : 'visually-hidden'} role={promptError ? 'alert' : undefined}>
        {promptError ?? ''}
      </p>
      <p className="race-explain">{LAB_METHOD_INFO[method].explains}</p>
      <p className="widget__actions">
        <button type="button" className="button" onClick={run} disabled={running || Boolean(promptError)}>Run both</button>
        {running ? <button type="button" className="button button--quiet" onClick={stop}>Stop</button> : null}
      </p>
      <div className="race-panels">
        <RacePanel testId="race-dllm" title={LAB_METHOD_INFO[method].label} state={runs.dllm} genLength={genLength} />
        <RacePanel testId="race-ar" title={LAB_METHOD_INFO['ar-kv'].label} state={runs.ar} genLength={genLength} />
      </div>
      <RaceVerdict dllm={runs.dllm.result} ar={runs.ar.result} />
    </section>
  );
}

function PromptGroup({ label, prompts }: { label: string; prompts: RacePrompt[] }) {
  return (
    <optgroup label={label}>
      {prompts.map((p) => (
        <option key={p.prompt} value={p.prompt}>{p.prompt ? `${p.prompt.length > 34 ? `${p.prompt.slice(0, 32)}…` : p.prompt} (${p.kind}, ${p.genLength} tokens)` : '(empty: write a story)'}</option>
      ))}
    </optgroup>
  );
}

'use client';
/**
 * The decoder arena (lesson 12): the reader writes an unmasking rule as a function in the editor;
 * Run sends it to the sealed cell worker (the notebook's, locked down, terminated on Stop), where
 * it decodes held-out tasks with the shipped block diffusion model next to the built-in rules.
 * Each point lands on the frontier as it arrives. Share puts the code in the link's fragment; a
 * shared link shows the code and runs nothing until the reader presses Run.
 *
 * Usage in MDX: <DecoderArena />
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { ArenaPoint } from '@/lib/dllm/arena/race';
import { READER_RULE_NAME } from '@/lib/dllm/arena/cell-race';
import { builtinArenaRules } from '@/lib/dllm/arena/builtin-rules';
import { decodeRuleLink, encodeRuleLink } from '@/lib/dllm/arena/share';
import { CodeEditor } from '@/components/notebook/code-editor';
import { CellRuntime } from '@/components/notebook/cell-runtime';
import { describeFrontier, paretoFront, renderFrontier, type FrontierPoint } from '@/components/viz/frontier-plot';
import { SvgFigure } from '@/components/widgets/shared/svg-figure';
import { arenaSource, parseArenaLine, STARTER_RULE } from './arena-source';

/** No word from the worker for this long while racing: the rule is stuck (an endless loop). */
const SILENCE_MS = 20_000;
const LOAD_MS = 120_000;
const BUILTIN_COUNT = builtinArenaRules().length;

type Status = 'idle' | 'running' | 'done' | 'error' | 'stopped';

export function DecoderArena({ tasks = 8 }: { tasks?: number }) {
  const id = useId();
  const [code, setCode] = useState(STARTER_RULE);
  const [shared, setShared] = useState<string | null>(null);
  const [points, setPoints] = useState<Record<string, ArenaPoint>>({});
  const [logs, setLogs] = useState<string[]>([]);
  const [status, setStatus] = useState<Status>('idle');
  const [message, setMessage] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const runtime = useRef<CellRuntime | null>(null);
  const watchdog = useRef<ReturnType<typeof setTimeout> | null>(null);
  const codeRef = useRef(code);
  useEffect(() => { codeRef.current = code; });

  // A shared link fills the editor, never runs it.
  useEffect(() => {
    try {
      const fromLink = decodeRuleLink(window.location.hash);
      if (fromLink !== null) {
        setCode(fromLink);
        setShared('This rule came from a shared link. Read it first: nothing runs until you press Run.');
      }
    } catch (e) {
      setShared(`The shared rule could not be read: ${e instanceof Error ? e.message : String(e)}. The starter rule is shown instead.`);
    }
    return () => {
      if (watchdog.current) clearTimeout(watchdog.current);
      runtime.current?.dispose();
    };
  }, []);

  const stop = useCallback((why: string | null) => {
    if (watchdog.current) clearTimeout(watchdog.current);
    runtime.current?.stop();
    setStatus(why ? 'error' : 'stopped');
    if (why) setMessage(why);
  }, []);

  const run = useCallback(async () => {
    runtime.current ??= new CellRuntime();
    // The built-in rules run once per page; a stopped race runs them again.
    const needBuiltins = Object.values(points).filter((p) => p.name !== READER_RULE_NAME && p.done).length < BUILTIN_COUNT;
    setPoints((all) => (needBuiltins ? {} : Object.fromEntries(Object.entries(all).filter(([name]) => name !== READER_RULE_NAME))));
    setLogs([]);
    setMessage(null);
    setStatus('running');
    const arm = (ms: number, why: string) => {
      if (watchdog.current) clearTimeout(watchdog.current);
      watchdog.current = setTimeout(() => stop(why), ms);
    };
    const silent = `Your rule has not returned for ${SILENCE_MS / 1000} s (an endless loop?). The race was stopped and the worker restarted; fix the rule and press Run.`;
    // Loading the model may take a while on a slow machine; the race's first report starts the watchdog.
    arm(LOAD_MS, `The race did not start within ${LOAD_MS / 1000} s (the model did not load, or the code before the rule never finished). It was stopped; press Run to try again.`);
    const result = await runtime.current.run({ cellId: 'arena', source: arenaSource(codeRef.current, tasks, needBuiltins), check: null }, {
      onOutput: (output) => {
        arm(SILENCE_MS, silent);
        if (output.kind !== 'text') return;
        const point = parseArenaLine(output.text);
        if (point) {
          setPoints((all) => ({ ...all, [point.name]: point }));
          if (point.name === READER_RULE_NAME && point.error) setMessage(`Your rule broke the race at ${point.error}. Its point shows the tasks finished before that.`);
        } else setLogs((all) => [...all.slice(-19), output.text]);
      },
    });
    if (watchdog.current) clearTimeout(watchdog.current);
    if (result.status === 'stopped') return; // stop() has set the status and said why
    if (result.status === 'error') {
      setStatus('error');
      setMessage(/chooseCommits|pass your rule/.test(result.error.message)
        ? 'Define a function named chooseCommits(pass) that returns the positions to commit.'
        : `${result.error.name}: ${result.error.message}`);
    } else if (result.status === 'done') setStatus((s) => (s === 'running' ? 'done' : s));
  }, [points, stop, tasks]);

  function share() {
    try {
      const fragment = encodeRuleLink(codeRef.current);
      const url = `${window.location.origin}${window.location.pathname}#${fragment}`;
      window.history.replaceState(null, '', `#${fragment}`);
      setLink(url);
      void navigator.clipboard?.writeText(url).catch(() => undefined);
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
  }

  const plotted: FrontierPoint[] = Object.values(points).filter((p) => p.tasks > 0).map((p) => ({
    id: p.name, label: p.name, x: p.tokensPerPass, y: p.accuracy, group: p.name === READER_RULE_NAME ? 'reader' : 'builtin', highlight: p.name === READER_RULE_NAME, provisional: !p.done,
  }));
  const draw = useCallback((svg: SVGSVGElement, w: number) => renderFrontier(svg, plotted, { width: w, xLabel: 'answer tokens per forward pass', yLabel: 'exact-match accuracy' }), [plotted]);
  const mine = points[READER_RULE_NAME];
  const finished = plotted.filter((p) => !p.provisional);
  const onFront = mine?.done && paretoFront(finished).some((p) => p.id === READER_RULE_NAME);
  const beaters = mine?.done ? finished.filter((p) => p.id !== READER_RULE_NAME && p.x >= mine.tokensPerPass && p.y >= mine.accuracy && (p.x > mine.tokensPerPass || p.y > mine.accuracy)).map((p) => p.label) : [];

  return (
    <section className="widget fast-widget" aria-labelledby={`${id}-title`} data-testid="decoder-arena" data-status={status}>
      <h3 id={`${id}-title`}>The decoder arena: your unmasking rule against the built-in ones</h3>
      {shared ? <p className="notice" role="status" data-testid="arena-shared">{shared}</p> : null}
      <div className="fast-arena__editor" data-testid="arena-editor">
        <CodeEditor value={code} onChange={setCode} onRun={() => { void run(); }} label="Code of your unmasking rule" />
      </div>
      <p className="widget__actions">
        <button type="button" className="button" onClick={() => { void run(); }} disabled={status === 'running'} data-testid="arena-run">Run the race</button>
        {status === 'running' ? <button type="button" className="button button--quiet" onClick={() => stop(null)} data-testid="arena-stop">Stop</button> : null}
        <button type="button" className="button button--quiet" onClick={share} data-testid="arena-share">Share this rule</button>
        <button type="button" className="button button--quiet" onClick={() => setCode(STARTER_RULE)}>Starter rule</button>
      </p>
      {link ? <p className="fast-note">Link (copied): <input readOnly value={link} className="fast-link" data-testid="arena-link" onFocus={(e) => e.currentTarget.select()} /></p> : null}
      {message ? <p className="notice notice--warning" role="alert" data-testid="arena-message">{message}</p> : null}
      <SvgFigure draw={draw} label={`Arena frontier. ${describeFrontier(plotted, 'tokens per pass')}`} caption="Each point: one rule on the same held-out tasks, block diffusion model with its exact cache. Pink: yours." maxWidth={560} testId="arena-frontier" />
      <p data-testid="arena-verdict" aria-live="polite">
        {mine
          ? mine.done
            ? `Your rule: ${(100 * mine.accuracy).toFixed(0)}% exact (${mine.correct}/${mine.tasks}) at ${mine.tokensPerPass.toFixed(2)} tokens per pass, ${mine.tokensPerSecond.toFixed(0)} tokens/s. ${onFront ? 'It is on the frontier: no built-in rule is both faster and more accurate.' : beaters.length ? `Beaten on both axes by: ${beaters.join(', ')}.` : ''}`
            : `Your rule: ${mine.tasks} of ${tasks} tasks decoded…`
          : status === 'running' ? 'loading the model in the cell worker…' : 'Press Run: your rule decodes the tasks first, then the built-in rules.'}
      </p>
      {logs.length ? <pre className="fast-logs" data-testid="arena-logs">{logs.join('\n')}</pre> : null}
      <p className="fast-note">Runs in the page&apos;s sealed cell worker (no network, no page access); Stop ends it at once. Tokens per second include the time your rule takes.</p>
    </section>
  );
}

'use client';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { CellError } from '@/lib/notebook/transpile';
import type { CellOutput, CheckOutcome } from './cell-protocol';
import type { RunResult } from './cell-runtime';
import type { CellSession } from './cell-session';

export type CellStatus = 'idle' | 'queued' | 'running' | 'done' | 'error' | 'stopped';

export interface CellRunState {
  status: CellStatus;
  outputs: CellOutput[];
  error: CellError | null;
  check: CheckOutcome | null;
  ms: number | null;
}

const IDLE: CellRunState = { status: 'idle', outputs: [], error: null, check: null, ms: null };

/**
 * One cell's run state in a session: run it (queued behind the page's other cells), see its
 * outputs stream in, stop the runtime. `getSource` is read at run time, so Run all runs what
 * the editor holds now.
 */
export function useCellRun(session: CellSession, cellId: string, getSource: () => string, check: string | null, element: () => HTMLElement | null) {
  const [state, setState] = useState<CellRunState>(IDLE);
  const live = useRef(true);
  const runToken = useRef(0);
  useEffect(() => {
    live.current = true;
    return () => { live.current = false; };
  }, []);

  const run = useCallback(async (): Promise<RunResult> => {
    const token = ++runToken.current;
    const update = (f: (s: CellRunState) => CellRunState) => { if (live.current && token === runToken.current) setState(f); };
    update(() => ({ ...IDLE, status: 'queued' }));
    // Outputs arriving within one frame join the state together: one render a frame, not one a message.
    let pending: CellOutput[] = [];
    let frame: number | null = null;
    const flush = () => {
      if (frame !== null) cancelAnimationFrame(frame);
      frame = null;
      if (pending.length === 0) return;
      const batch = pending;
      pending = [];
      update((s) => ({ ...s, outputs: s.outputs.concat(batch) }));
    };
    const result = await session.runtime.run({ cellId, source: getSource(), check }, {
      onStart: () => update((s) => ({ ...s, status: 'running' })),
      onOutput: (output) => {
        pending.push(output);
        frame ??= requestAnimationFrame(flush);
      },
    });
    flush();
    update((s) => {
      if (result.status === 'stopped') return { ...s, status: 'stopped' };
      if (result.status === 'error') return { ...s, status: 'error', error: result.error, ms: result.ms };
      return { ...s, status: 'done', check: result.check, ms: result.ms };
    });
    return result;
  }, [session, cellId, getSource, check]);

  useEffect(() => session.register(cellId, { run, element }), [session, cellId, run, element]);

  const runningAll = useSyncExternalStore(
    useCallback((l: () => void) => session.subscribe(l), [session]),
    () => session.runningAll,
    () => false,
  );

  const clear = useCallback(() => { runToken.current++; setState(IDLE); }, []);

  return { state, run, clear, stop: () => session.stop(), runAll: () => session.runAll(), runningAll };
}

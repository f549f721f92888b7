'use client';
import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { CodeEditor } from './code-editor';
import { CellOutputView } from './cell-output';
import type { CellSession } from './cell-session';
import { useCellRun, type CellStatus } from './use-cell-run';
import type { CheckOutcome } from './cell-protocol';
import './notebook.css';

const STATUS_TEXT: Record<CellStatus, string> = {
  idle: 'Not run yet',
  queued: 'Waiting for the cells before it',
  running: 'Running…',
  done: 'Done',
  error: 'Error',
  stopped: 'Stopped',
};

export interface CodeCellProps {
  session: CellSession;
  cellId: string;
  /** Accessible name of the cell, e.g. "Code cell 2". */
  label: string;
  source: string;
  onSourceChange: (source: string) => void;
  /** Shows a Reset button that puts this code back. */
  originalSource?: string;
  check?: string | null;
  /** Called after a run whose check passed. */
  onCheck?: (check: CheckOutcome) => void;
  /** Rendered under the output (an exercise panel). */
  children?: (check: CheckOutcome | null) => ReactNode;
  /** Extra buttons (playground: move, delete). */
  actions?: ReactNode;
}

/** A code cell: toolbar (Run, Stop, Run all, Reset), state, editor, output. */
export function CodeCell({ session, cellId, label, source, onSourceChange, originalSource, check = null, onCheck, children, actions }: CodeCellProps) {
  const sourceRef = useRef(source);
  useEffect(() => { sourceRef.current = source; }, [source]);
  const root = useRef<HTMLDivElement>(null);
  const getSource = useCallback(() => sourceRef.current, []);
  const element = useCallback(() => root.current, []);
  const { state, run, stop, runAll, runningAll } = useCellRun(session, cellId, getSource, check, element);
  const busy = state.status === 'running' || state.status === 'queued';

  const onCheckRef = useRef(onCheck);
  useEffect(() => { onCheckRef.current = onCheck; });
  useEffect(() => { if (state.check) onCheckRef.current?.(state.check); }, [state.check]);

  const statusText = state.status === 'done' && state.ms !== null ? `Done in ${Math.round(state.ms)} ms` : STATUS_TEXT[state.status];
  return (
    <div className={`nb-cell nb-cell--${state.status}`} ref={root} data-testid="code-cell" data-cell-id={cellId} data-status={state.status} role="group" aria-label={label}>
      <div className="nb-cell__toolbar">
        <button type="button" className="button button--small" onClick={() => void run()} disabled={busy} aria-keyshortcuts="Shift+Enter" title="Run (Shift+Enter)">
          Run
        </button>
        <button type="button" className="button button--small button--quiet" onClick={stop} disabled={!busy && !runningAll}>
          Stop
        </button>
        <button type="button" className="button button--small button--quiet" onClick={() => void runAll()} disabled={runningAll}>
          Run all
        </button>
        {originalSource !== undefined ? (
          <button type="button" className="button button--small button--quiet" onClick={() => onSourceChange(originalSource)} disabled={source === originalSource}>
            Reset to the original
          </button>
        ) : null}
        {originalSource !== undefined && source !== originalSource ? (
          <span className="nb-cell__edited" data-testid="cell-edited" title="Your edits are saved in this browser">
            edited (saved)
          </span>
        ) : null}
        {actions}
        <span className={`nb-cell__status nb-cell__status--${state.status}`} role="status" data-testid="cell-status">
          {statusText}
        </span>
      </div>
      <CodeEditor value={source} onChange={onSourceChange} onRun={() => { if (!busy) void run(); }} label={`Code of ${label.toLowerCase()}`} />
      {state.status === 'stopped' ? (
        <p className="nb-output__note">Stopped. The runtime restarted, so variables from earlier cells are gone: press Run all to run them again.</p>
      ) : null}
      <CellOutputView outputs={state.outputs} error={state.error} />
      {children?.(state.check)}
    </div>
  );
}

'use client';
import { useEffect, useRef, useState } from 'react';
import { nextMacrotask } from '@/lib/runtime/next-macrotask';
import type { EditorHandle } from './codemirror-editor';

export interface CodeEditorProps {
  value: string;
  onChange: (value: string) => void;
  onRun: () => void;
  /** Accessible name, e.g. "Code of cell 2". */
  label: string;
}

/**
 * CodeMirror's parts, instantiated one per task: all of it at once was the longest main-thread task
 * of two lessons (230-330 ms in a Chromium trace on a busy 2-core machine; bench:web's budget is
 * 100 ms), most of it @codemirror/view. Each step's modules stay cached, so the editor module's own
 * imports cost nothing more.
 */
const STEPS: (() => Promise<unknown>)[] = [
  () => import('@codemirror/state'),
  () => import('@lezer/highlight'),
  () => import('@codemirror/view'),
  () => import('@codemirror/language'),
  () => import('@codemirror/commands'),
  () => import('@codemirror/autocomplete'),
  () => import('@codemirror/lang-javascript'),
];

async function stagedImport(): Promise<typeof import('./codemirror-editor')> {
  for (const step of STEPS) {
    await step();
    await nextMacrotask();
  }
  return import('./codemirror-editor');
}

let loading: Promise<typeof import('./codemirror-editor')> | null = null;
/** CodeMirror, loaded once per page on demand. */
function loadCodeMirror() {
  loading ??= stagedImport();
  return loading;
}

/**
 * A code editor that starts as a plain textarea (usable at once, keyboard included) and turns
 * into CodeMirror when its module has loaded: after the page is idle, or as soon as the reader
 * focuses or points at the cell. Text, cursor and focus carry over.
 */
export function CodeEditor({ value, onChange, onRun, label }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const editor = useRef<EditorHandle | null>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [wanted, setWanted] = useState(false);
  // The latest callbacks, for an editor created once.
  const latest = useRef({ value, onChange, onRun });
  useEffect(() => { latest.current = { value, onChange, onRun }; });

  useEffect(() => {
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
    if (idle) idle(() => setWanted(true), { timeout: 1500 });
    else setTimeout(() => setWanted(true), 200);
  }, []);

  useEffect(() => {
    if (!wanted || editor.current) return;
    let cancelled = false;
    // Each editor is created in its own task: a lesson's two or three cells created together made
    // one task of 100-150 ms (bench:web). In a notebook of many large cells some of these tasks can
    // land between the reader's first keys.
    void loadCodeMirror().then(async ({ createEditor }) => {
      await nextMacrotask();
      if (cancelled || !host.current || editor.current) return;
      const ta = textarea.current;
      const hadFocus = ta !== null && document.activeElement === ta;
      const selection = ta ? { anchor: ta.selectionStart, head: ta.selectionEnd } : undefined;
      editor.current = createEditor(host.current, {
        value: latest.current.value,
        label,
        selection,
        onChange: (v) => latest.current.onChange(v),
        onRun: () => latest.current.onRun(),
      });
      setEnhanced(true);
      if (hadFocus) editor.current.focus(selection);
    }, () => { /* stay a textarea: it works without CodeMirror */ });
    return () => { cancelled = true; };
  }, [wanted, label]);

  useEffect(() => () => { editor.current?.destroy(); editor.current = null; }, []);

  // Outside changes (Reset, a solution) reach CodeMirror; its own edits come back equal.
  useEffect(() => { editor.current?.setValue(value); }, [value]);

  return (
    <div className="nb-editor" onPointerEnter={() => setWanted(true)} data-enhanced={enhanced ? 'true' : 'false'}>
      {/* CodeMirror's own DOM lives here; React never renders into this element. */}
      <div ref={host} className="nb-editor__cm" />
      {enhanced ? null : (
        <textarea
          ref={textarea}
          className="nb-editor__fallback"
          aria-label={label}
          value={value}
          spellCheck={false}
          rows={Math.min(30, Math.max(3, value.split('\n').length))}
          onFocus={() => setWanted(true)}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.shiftKey) {
              e.preventDefault();
              onRun();
            }
          }}
        />
      )}
    </div>
  );
}

'use client';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { nextMacrotask } from '@/lib/runtime/next-macrotask';
import { useNearViewport } from '@/components/hooks/use-near-viewport';
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
  const editorModule = await import('./codemirror-editor');
  await nextMacrotask();
  editorModule.warmUpEditors();
  // The page restyles for CodeMirror's sheets in the next frame, not inside the first editor's task.
  await afterNextFrame();
  return editorModule;
}

/** After the next rendered frame (or 100 ms, in a tab that renders none). */
function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(() => { clearTimeout(timer); resolve(); }, 0));
  });
}

/** The number of lines in `text`, counted no further than `cap` (a cell may hold 200,000 characters). */
function linesUpTo(text: string, cap: number): number {
  let lines = 1;
  for (let at = text.indexOf('\n'); at >= 0 && lines < cap; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

let loading: Promise<typeof import('./codemirror-editor')> | null = null;
/** CodeMirror, loaded once per page on demand. */
function loadCodeMirror() {
  loading ??= stagedImport();
  return loading;
}

/**
 * A code editor that starts as a plain textarea (usable at once, keyboard included) and turns
 * into CodeMirror when the reader comes near it (useNearViewport), focuses it or points at it.
 * Text, cursor and focus carry over. Cells far down a lesson or a big notebook cost nothing until
 * then: created at load, a lesson's editors were its longest tasks (bench:web), and after a 5 MB
 * import 27 of them queued in front of the reader's first keys.
 */
export function CodeEditor({ value, onChange, onRun, label }: CodeEditorProps) {
  const wrapper = useRef<HTMLDivElement>(null);
  const host = useRef<HTMLDivElement>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const editor = useRef<EditorHandle | null>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [touched, setTouched] = useState(false);
  const wanted = useNearViewport(wrapper) || touched;
  // The latest callbacks, for an editor created once.
  const latest = useRef({ value, onChange, onRun });
  useEffect(() => { latest.current = { value, onChange, onRun }; });

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

  const rows = Math.max(3, linesUpTo(value, 30));
  return (
    <div ref={wrapper} className="nb-editor" onPointerEnter={() => setTouched(true)} data-enhanced={enhanced ? 'true' : 'false'}>
      {/* CodeMirror's own DOM lives here; React never renders into this element. */}
      <div ref={host} className="nb-editor__cm" />
      {enhanced ? null : (
        <textarea
          ref={textarea}
          className="nb-editor__fallback"
          aria-label={label}
          value={value}
          spellCheck={false}
          rows={rows}
          // Off screen, a textarea still lays out all of its text on every change of the page: 25 of
          // them holding 200,000 characters each made every key in a 5 MB notebook cost 55-65 ms.
          // content-visibility skips them (notebook.css), at the height the rows give.
          style={{ '--rows': rows } as CSSProperties}
          onFocus={() => setTouched(true)}
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

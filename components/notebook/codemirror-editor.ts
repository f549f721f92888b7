/**
 * The CodeMirror 6 editor of a code cell, in its own module so the page loads it on demand
 * (dynamic import), never in a lesson's first load. TypeScript highlighting, bracket matching,
 * undo and history come from cellEditorSetup (editor-setup.ts); Shift+Enter runs the cell. Tab is
 * left to the browser (nothing binds it), so keyboard users can move past the editor.
 */
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, keymap } from '@codemirror/view';
import { javascript } from '@codemirror/lang-javascript';
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { tags as t } from '@lezer/highlight';
import { cellEditorSetup } from './editor-setup';

/**
 * Token colours with at least 4.5:1 contrast on the editor's white and active-line backgrounds
 * (CodeMirror's default style has a few lighter ones).
 */
const readableHighlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.operatorKeyword], color: '#6f1ab1' },
  { tag: [t.string, t.special(t.string), t.regexp], color: '#a31515' },
  { tag: [t.number, t.bool, t.null, t.atom], color: '#0b5c3b' },
  { tag: [t.comment, t.lineComment, t.blockComment, t.docComment], color: '#5a5f66', fontStyle: 'italic' },
  { tag: [t.definition(t.variableName), t.function(t.definition(t.variableName))], color: '#0550ae' },
  { tag: [t.typeName, t.className, t.namespace], color: '#7a3e00' },
  { tag: [t.propertyName, t.variableName, t.operator, t.punctuation, t.bracket], color: '#1d2330' },
  { tag: t.invalid, color: '#b00020' },
]);

export interface EditorHandle {
  focus(selection?: { anchor: number; head: number }): void;
  setValue(value: string): void;
  destroy(): void;
}

export interface EditorOptions {
  value: string;
  label: string;
  onChange: (value: string) => void;
  onRun: () => void;
  /** Cursor to start with (when replacing a focused textarea). */
  selection?: { anchor: number; head: number };
}

/** A cell's editor behaviour: keys, highlighting, language, wrapping and its accessible name. */
function cellExtensions(label: string, onRun: () => void, onDocChange: (value: string) => void) {
  return [
    Prec.highest(keymap.of([{ key: 'Shift-Enter', run: () => { onRun(); return true; } }])),
    syntaxHighlighting(readableHighlight),
    cellEditorSetup,
    javascript({ typescript: true }),
    // Wrapped lines: no sideways scrolling in a narrow lesson column. tabindex makes the
    // content a focusable part of the scroller for assistive technology (WCAG 2.1.1).
    EditorView.lineWrapping,
    EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
    EditorView.updateListener.of((update) => {
      if (update.docChanged) onDocChange(update.state.doc.toString());
    }),
  ];
}

/**
 * Pays, in a task of its own, what only the page's first editor would pay: CodeMirror adds its style
 * sheets to the document (the browser then restyles and lays out the whole page) and runs its code for
 * the first time. Inside the first real editor's creation that made one task of 70-120 ms on lesson
 * 03 (a long-animation-frame trace: 31-33 ms of it a forced layout). A view with no parent, on this
 * document, mounts the same sheets and is thrown away.
 */
export function warmUpEditors(): void {
  const view = new EditorView({
    root: document,
    state: EditorState.create({ doc: 'const warm = 1;', extensions: cellExtensions('', () => {}, () => {}) }),
  });
  view.destroy();
}

export function createEditor(parent: HTMLElement, options: EditorOptions): EditorHandle {
  const length = options.value.length;
  const clamp = (n: number) => Math.max(0, Math.min(n, length));
  let lastEmitted: string | null = null;
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.value,
      selection: options.selection ? { anchor: clamp(options.selection.anchor), head: clamp(options.selection.head) } : undefined,
      extensions: cellExtensions(options.label, () => options.onRun(), (value) => {
        lastEmitted = value;
        options.onChange(value);
      }),
    }),
  });
  return {
    focus(selection) {
      if (selection) view.dispatch({ selection: { anchor: Math.min(selection.anchor, view.state.doc.length), head: Math.min(selection.head, view.state.doc.length) } });
      view.focus();
    },
    setValue(value) {
      // The text this editor just reported comes back as the same string: skip re-reading a
      // multi-megabyte document on every keystroke.
      if (value === lastEmitted) return;
      if (value !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
    },
    destroy: () => view.destroy(),
  };
}

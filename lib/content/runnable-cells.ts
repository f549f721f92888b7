/**
 * Runnable cells in lessons: a fenced block whose meta says `run` (```ts run```) becomes a
 * `<RunnableCell>` element at build time, so the page gets an editor instead of static code.
 *
 *   ```ts run                       → a cell with its own id (cell-1, cell-2, … in page order)
 *   ```ts run id=warmup             → a cell with a chosen id (stable for links and tests)
 *   ```ts run check=forward-passes  → a cell bound to an exercise in components/notebook/exercises.ts
 *
 * A remark plugin (it runs before rehype-highlight, which then never sees these blocks). Pure:
 * the output is plain MDX JSX with string attributes, which mdx compiles to props.
 */
import { visit } from 'unist-util-visit';
import type { Code, Root, RootContent } from 'mdast';

/** Languages a cell can hold (the runtime transpiles TypeScript; JavaScript is a subset). */
export const RUNNABLE_LANGUAGES = ['ts', 'typescript', 'js', 'javascript'] as const;
/** The component name lessons' runnable blocks turn into; must be registered. */
export const RUNNABLE_CELL_COMPONENT = 'RunnableCell';

const ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface RunMeta {
  run: boolean;
  id: string | null;
  check: string | null;
}

/**
 * Reads a fence's meta string (`run check=forward-passes id=warmup`). Throws on a malformed
 * `key=value` or an unknown key, so a typo fails the build instead of silently losing the check.
 */
export function parseRunMeta(meta: string | null | undefined): RunMeta {
  const out: RunMeta = { run: false, id: null, check: null };
  const words = (meta ?? '').trim().split(/\s+/).filter(Boolean);
  if (!words.includes('run')) return out;
  out.run = true;
  for (const word of words) {
    if (word === 'run') continue;
    const eq = word.indexOf('=');
    if (eq < 0) throw new Error(`unknown word "${word}" in the meta of a runnable block; expected run, id=NAME or check=NAME`);
    const key = word.slice(0, eq);
    const value = word.slice(eq + 1).replace(/^["']|["']$/g, '');
    if (key !== 'id' && key !== 'check') throw new Error(`unknown option "${key}" in the meta of a runnable block; expected id or check`);
    if (!ID.test(value)) throw new Error(`${key}="${value}" in a runnable block must be 1-64 letters, digits, "-" or "_"`);
    out[key] = value;
  }
  return out;
}

export interface RunnableCellsOptions {
  /** For error messages, e.g. "00-welcome.mdx". */
  file: string;
  /** The lesson's slug, passed to each cell (exercises are saved per lesson). */
  lesson: string;
}

interface JsxAttribute { type: 'mdxJsxAttribute'; name: string; value: string }

/** The MDX JSX node a runnable code block becomes. */
export function runnableCellNode(attributes: Record<string, string>): RootContent {
  const attrs: JsxAttribute[] = Object.entries(attributes).map(([name, value]) => ({ type: 'mdxJsxAttribute', name, value }));
  return { type: 'mdxJsxFlowElement', name: RUNNABLE_CELL_COMPONENT, attributes: attrs, children: [] } as unknown as RootContent;
}

/** The remark plugin: replaces each runnable code block with a `<RunnableCell>` element. */
export function remarkRunnableCells(options: RunnableCellsOptions) {
  return () => (tree: Root) => {
    const ids = new Set<string>();
    let counter = 0;
    visit(tree, 'code', (node: Code, index, parent) => {
      let meta: RunMeta;
      try {
        meta = parseRunMeta(node.meta);
      } catch (e) {
        throw new Error(`${options.file}:${node.position?.start.line ?? '?'}: ${(e as Error).message}`);
      }
      if (!meta.run || !parent || index === undefined) return;
      if (!node.lang || !(RUNNABLE_LANGUAGES as readonly string[]).includes(node.lang)) {
        throw new Error(`${options.file}:${node.position?.start.line ?? '?'}: a runnable block must be \`\`\`ts run (got "${node.lang ?? 'no language'}")`);
      }
      let id = meta.id;
      if (id === null) {
        do id = `cell-${++counter}`; while (ids.has(id));
      }
      if (ids.has(id)) throw new Error(`${options.file}:${node.position?.start.line ?? '?'}: two runnable cells share the id "${id}"`);
      ids.add(id);
      const attributes: Record<string, string> = { id, lesson: options.lesson, source: node.value };
      if (meta.check) attributes.check = meta.check;
      parent.children.splice(index, 1, runnableCellNode(attributes) as never);
    });
  };
}

/** The lesson slug from a lesson file name ("00-welcome.mdx" → "welcome"). */
export function lessonSlugFromFile(file: string): string {
  const match = /^\d{2}-([a-z0-9-]+)\.mdx$/.exec(file);
  return match ? match[1] : file.replace(/\.mdx$/, '');
}

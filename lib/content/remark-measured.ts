import { visit, SKIP } from 'unist-util-visit';
import type { Root } from 'mdast';
import { lookupFact, TAG_LABEL, type Facts } from './measured-facts';

interface JsxAttribute { type: 'mdxJsxAttribute'; name: string; value: unknown }
interface JsxNode { type: 'mdxJsxTextElement' | 'mdxJsxFlowElement'; name: string | null; attributes: JsxAttribute[]; children: unknown[]; position?: { start: { line: number } } }

const attr = (name: string, value: string): JsxAttribute => ({ type: 'mdxJsxAttribute', name, value });

/**
 * A remark plugin that replaces <Measured fact="bench.copy.best.vsArKv" /> with the figure itself,
 * read at build time from the manifests and the benchmark JSON (lib/content/measured-facts.ts), with
 * a tag that says where it was measured. An unknown fact fails the build, naming it.
 */
export function remarkMeasured(options: { file: string; facts: Facts }) {
  return () => (tree: Root) => {
    visit(tree, (node, index, parent) => {
      const n = node as unknown as JsxNode;
      if ((n.type !== 'mdxJsxTextElement' && n.type !== 'mdxJsxFlowElement') || n.name !== 'Measured') return;
      const line = n.position?.start.line ?? '?';
      const key = n.attributes.find((a) => a.name === 'fact')?.value;
      if (typeof key !== 'string') throw new Error(`${options.file}:${line}: <Measured> needs a fact="..." string attribute`);
      let fact;
      try {
        fact = lookupFact(options.facts, key);
      } catch (err) {
        throw new Error(`${options.file}:${line}: ${(err as Error).message}`);
      }
      const replacement = {
        type: 'mdxJsxTextElement',
        name: 'span',
        attributes: [attr('className', `measured measured--${fact.tag}`), attr('data-fact', key), attr('title', `${TAG_LABEL[fact.tag]}: ${fact.source}`)],
        children: [
          { type: 'text', value: fact.display },
          { type: 'mdxJsxTextElement', name: 'span', attributes: [attr('className', 'measured__tag')], children: [{ type: 'text', value: fact.tag === 'trained' ? 'training' : fact.tag === 'bench' ? 'bench' : 'paper' }] },
        ],
      };
      if (parent && typeof index === 'number') {
        (parent.children as unknown[])[index] = replacement;
        return SKIP;
      }
      return undefined;
    });
  };
}

import { visit } from 'unist-util-visit';
import { toString } from 'hast-util-to-string';
import type { Root, Element } from 'hast';

export interface TocEntry {
  id: string;
  text: string;
  depth: 2 | 3;
}

/** A rehype plugin (after rehype-slug) that collects h2/h3 headings into `into` for the table of contents. */
export function rehypeCollectToc(into: TocEntry[]) {
  return () => (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'h2' && node.tagName !== 'h3') return;
      const id = node.properties?.id;
      if (typeof id !== 'string') return;
      into.push({ id, text: toString(node).trim(), depth: node.tagName === 'h2' ? 2 : 3 });
    });
  };
}

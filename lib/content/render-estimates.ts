import type { Element, ElementContent, Root } from 'hast';
import { SLIDE_SECTION_CLASS } from './slide-sections';

/**
 * Lesson prose is drawn block by block as the reader nears it (`content-visibility: auto` on each
 * paragraph, list, formula, table, code block, recap and callout: app/globals.css), so no frame lays out a whole section of maths at once. Until a
 * block is drawn the browser reserves an estimated height; a good estimate keeps the scrollbar and a
 * jump from the table of contents steady. This rehype plugin writes each block's estimate input (a
 * paragraph's or list's visible characters as `--cv-chars`, a code block's lines or a table's rows as
 * `--cv-lines`); the stylesheet turns them into a height for the column's width.
 */

/** Extra characters per list item: its marker, indent and margin take about half a line. */
const LIST_ITEM_CHARS = 40;

const hasClass = (node: Element, name: string): boolean => {
  const classes = node.properties?.className;
  return Array.isArray(classes) && classes.includes(name);
};

/** Characters a reader sees: KaTeX's MathML copy (for screen readers, drawn invisibly) is left out. */
export function visibleChars(node: ElementContent): number {
  if (node.type === 'text') return node.value.length;
  if (node.type !== 'element' || hasClass(node, 'katex-mathml')) return 0;
  let n = node.tagName === 'li' ? LIST_ITEM_CHARS : 0;
  for (const child of node.children) n += visibleChars(child);
  return n;
}

/** Text blocks: their height follows their characters and the column's width. */
const TEXT_BLOCKS = new Set(['p', 'ul', 'ol']);

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return node.type === 'element' ? node.children.map(textOf).join('') : '';
}

function countRows(node: ElementContent): number {
  if (node.type !== 'element') return 0;
  return (node.tagName === 'tr' ? 1 : 0) + node.children.reduce((n, child) => n + countRows(child), 0);
}

/** The estimate input of one block, as a CSS declaration, or null for blocks drawn as they are. */
function estimate(block: Element): string | null {
  if (TEXT_BLOCKS.has(block.tagName)) return `--cv-chars:${visibleChars(block)}`;
  // Code keeps its line breaks; a table's height follows its rows.
  if (block.tagName === 'pre') return `--cv-lines:${textOf(block).replace(/\n$/, '').split('\n').length}`;
  if (block.tagName === 'table') return `--cv-lines:${countRows(block)}`;
  return null;
}

/** Run after rehypeSlideSections: marks the text blocks, code and tables directly inside each lesson section. */
export function rehypeRenderEstimates() {
  return (tree: Root) => {
    for (const section of tree.children) {
      if (section.type !== 'element' || !hasClass(section, SLIDE_SECTION_CLASS)) continue;
      for (const block of section.children) {
        if (block.type !== 'element') continue;
        const declaration = estimate(block);
        if (declaration === null) continue;
        const style = typeof block.properties.style === 'string' ? `${block.properties.style};` : '';
        block.properties = { ...block.properties, style: `${style}${declaration}` };
      }
    }
  };
}

import { visit } from 'unist-util-visit';
import type { Root, Element } from 'hast';

/**
 * Code blocks and display math scroll sideways when too wide; a keyboard user must be able to focus
 * them to scroll (WCAG 2.1.1). A rehype plugin that makes both focusable.
 */
export function rehypeFocusableScrollers() {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      const classes = node.properties?.className;
      const isDisplayMath = Array.isArray(classes) && classes.includes('katex-display');
      if (node.tagName === 'pre' || isDisplayMath) node.properties = { ...node.properties, tabIndex: 0 };
    });
  };
}

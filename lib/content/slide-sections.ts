import type { Element, Root, RootContent } from 'hast';

/** Class of the sections a lesson is cut into; present mode shows one at a time. */
export const SLIDE_SECTION_CLASS = 'lesson-section';

function isH2(node: RootContent): boolean {
  return node.type === 'element' && node.tagName === 'h2';
}

/** Whitespace-only text between blocks carries nothing worth a slide. */
function isBlank(node: RootContent): boolean {
  return node.type === 'text' && node.value.trim() === '';
}

/**
 * A rehype plugin that wraps a lesson's top level into one <section> per h2 (plus one for what comes
 * before the first h2). Reading mode looks the same; present mode (/lessons/[slug]/present) shows
 * one section per slide, so a lesson needs no separate slide deck.
 */
export function rehypeSlideSections() {
  return (tree: Root) => {
    const sections: RootContent[][] = [];
    const kept: RootContent[] = [];
    for (const node of tree.children) {
      // ESM (the frontmatter export mdx-bundler adds) must stay at the top level of the module.
      if ((node.type as string) === 'mdxjsEsm') {
        kept.push(node);
        continue;
      }
      if (sections.length === 0 || isH2(node)) sections.push([]);
      sections[sections.length - 1].push(node);
    }
    const wrapped = sections
      .filter((nodes) => nodes.some((n) => !isBlank(n)))
      .map((nodes): Element => ({
        type: 'element',
        tagName: 'section',
        properties: { className: [SLIDE_SECTION_CLASS] },
        children: nodes as Element['children'],
      }));
    tree.children = [...kept, ...wrapped];
  };
}

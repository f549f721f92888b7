import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { getMDXComponent } from 'mdx-bundler/client';
import { compileMdx } from '@/lib/content/lessons.server';

const FRONTMATTER = `---
title: Noise
summary: The forward process on points and images.
order: 2
minutes: 20
prerequisites: []
papers: []
---
`;

/** Compiles a lesson body as the site does (lesson 02's file name and valid frontmatter) and renders it to HTML. */
export async function renderLessonBody(body: string, components: Record<string, (props: { children?: ReactNode }) => ReactNode> = {}): Promise<string> {
  const { code } = await compileMdx('02-noise.mdx', FRONTMATTER + body);
  return renderToStaticMarkup(createElement(getMDXComponent(code), { components }));
}

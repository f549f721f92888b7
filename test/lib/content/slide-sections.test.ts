import { createElement, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { renderLessonBody } from '@/test/support/render-lesson';

async function render(body: string): Promise<string> {
  const Callout = ({ children }: { children?: ReactNode }) => createElement('aside', null, children);
  return renderLessonBody(body, { Callout });
}

describe('lessons are cut into one section per h2 (the slides of present mode)', () => {
  it('puts the intro, then each h2 with what follows it, in its own section, components included', async () => {
    const html = await render(`Intro text.

## First
Body one.

<Callout>Inside the first.</Callout>

### A detail
More.

## Second
Body two.
`);
    expect((html.match(/<section class="lesson-section">/g) ?? []).length).toBe(3);
    const parts = html.split('<section class="lesson-section">').slice(1);
    expect(parts[0]).toContain('Intro text.');
    expect(parts[0]).not.toContain('<h2');
    expect(parts[1]).toMatch(/^<h2 id="first">/);
    expect(parts[1]).toContain('<aside>Inside the first.</aside>');
    expect(parts[1]).toContain('<h3 id="a-detail">');
    expect(parts[2]).toMatch(/^<h2 id="second">/);
    expect(parts[2]).toContain('Body two.');
  });

  it('gives a lesson that starts with a heading no empty intro section', async () => {
    const html = await render(`## Only
Text.
`);
    expect((html.match(/<section class="lesson-section">/g) ?? []).length).toBe(1);
    expect(html).toMatch(/^<section class="lesson-section"><h2 id="only">/);
  });
});

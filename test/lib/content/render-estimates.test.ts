import { describe, expect, it } from 'vitest';
import { renderLessonBody } from '@/test/support/render-lesson';

const estimates = (html: string) => [...html.matchAll(/<(p|ul|ol) style="--cv-chars:(\d+)"/g)].map((m) => [m[1], Number(m[2])]);

describe('build-time size estimates of lesson blocks (drawn lazily, app/globals.css)', () => {
  it('gives each paragraph and list in a section its visible characters, and nothing else an estimate', async () => {
    const html = await renderLessonBody(`Twelve chars

## A heading
- one
- two

\`\`\`js
const notEstimated = 1;
\`\`\`
`);
    // "Twelve chars" = 12; the list: two items of 3 letters, 40 per item for marker and margin,
    // plus the newlines between items that MDX keeps as text.
    const found = estimates(html);
    expect(found[0]).toEqual(['p', 12]);
    expect(found[1][0]).toBe('ul');
    expect(found[1][1]).toBeGreaterThanOrEqual(86);
    expect(found[1][1]).toBeLessThanOrEqual(90);
    expect(found).toHaveLength(2);
    expect(html).not.toMatch(/<h2[^>]*--cv-/);
    // The code block's one line; its height follows lines, not characters.
    expect(html).toMatch(/<pre [^>]*style="--cv-lines:1"/);
  });

  it('gives a table its rows, header included', async () => {
    const html = await renderLessonBody(`| a | b |
|---|---|
| 1 | 2 |
| 3 | 4 |
`);
    expect(html).toMatch(/<table style="--cv-lines:3"/);
  });

  it('counts the maths a reader sees once, not KaTeX\'s hidden MathML copy', async () => {
    const plain = estimates(await renderLessonBody('ab x cd'))[0][1];
    const withMath = estimates(await renderLessonBody('ab $x$ cd'))[0][1];
    // The MathML copy holds "x" twice more (the <mi> and the TeX annotation); only the drawn x counts.
    expect(withMath).toBe(plain);
  });
});

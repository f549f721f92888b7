import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileMdx, listLessons, loadLesson, LESSONS_DIR } from '@/lib/content/lessons.server';
import { COURSE_PATH, lessonFileName } from '@/lib/content/course';
import { REGISTERED_COMPONENTS } from '@/lib/content/registered-components';

const goodFrontmatter = `---
title: Noise
summary: The forward process on points and images, and how schedules shape it.
order: 2
minutes: 20
prerequisites: [welcome]
papers:
  - title: Denoising Diffusion Probabilistic Models
    authors: Ho, Jain, Abbeel
    year: 2020
    url: https://arxiv.org/abs/2006.11239
---
`;

function lessonDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'marble-lessons-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('lesson files', () => {
  it('every written lesson is on the course path, in order, with valid frontmatter', async () => {
    const lessons = await listLessons();
    expect(lessons.length).toBeGreaterThan(0);
    for (const lesson of lessons) {
      const stop = COURSE_PATH.find((s) => s.slug === lesson.slug);
      expect(stop?.order).toBe(lesson.order);
      expect(lesson.file).toBe(lessonFileName(stop!));
    }
    expect(lessons.map((l) => l.order)).toEqual([...lessons.map((l) => l.order)].sort((a, b) => a - b));
  });

  it('every written lesson uses only registered components and imports nothing', async () => {
    for (const lesson of await listLessons()) {
      // Code blocks may show imports as examples; only the MDX itself must not import.
      const source = readFileSync(path.join(LESSONS_DIR, lesson.file), 'utf8').replace(/```[\s\S]*?```/g, '');
      expect(source).not.toMatch(/^\s*(import|export)\s/m);
      const used = [...source.matchAll(/<([A-Z][A-Za-z0-9]*)/g)].map((m) => m[1]);
      // <Measured> is replaced by the build (remark-measured.ts) before the registry check.
      for (const name of used.filter((n) => n !== 'Measured')) expect(REGISTERED_COMPONENTS).toContain(name);
      // and the compiler agrees (it would throw on an unknown component)
      await expect(loadLesson(lesson.slug)).resolves.toMatchObject({ slug: lesson.slug });
    }
  });

  it('a lesson compiles to code with KaTeX, highlighted code and a table of contents', async () => {
    const { code, toc } = await compileMdx('02-noise.mdx', `${goodFrontmatter}
## The forward process
Inline $x_t$ and display:
$$\\bar\\alpha_t = \\prod_{s \\le t} \\alpha_s$$
### A detail
\`\`\`ts
const answer: number = 42;
\`\`\`
`);
    expect(code).toContain('katex');
    expect(code).toContain('hljs-keyword');
    expect(toc).toEqual([
      { id: 'the-forward-process', text: 'The forward process', depth: 2 },
      { id: 'a-detail', text: 'A detail', depth: 3 },
    ]);
  });
});

describe('the build refuses bad lessons with a message naming the file and the problem', () => {
  it('rejects an unknown component, naming it and the line', async () => {
    await expect(compileMdx('02-noise.mdx', `${goodFrontmatter}\nHello\n\n<Sparkles />\n`)).rejects.toThrow(
      /02-noise\.mdx:16: unknown component <Sparkles>/,
    );
  });

  it('rejects an import inside a lesson', async () => {
    await expect(compileMdx('02-noise.mdx', `${goodFrontmatter}\nimport x from './x'\n\nHello\n`)).rejects.toThrow(
      /02-noise\.mdx:14: lessons may not import or export code/,
    );
  });

  it('rejects a missing field, naming the field', async () => {
    const dir = lessonDir({ '02-noise.mdx': goodFrontmatter.replace('minutes: 20\n', '') + 'Hello' });
    await expect(listLessons(dir)).rejects.toThrow(/02-noise\.mdx: bad lesson frontmatter: field "minutes"/);
  });

  it('rejects a field of the wrong type and a malformed paper url', async () => {
    const bad = goodFrontmatter.replace('minutes: 20', 'minutes: soon').replace('https://arxiv.org/abs/2006.11239', 'not a url');
    const dir = lessonDir({ '02-noise.mdx': bad + 'Hello' });
    await expect(listLessons(dir)).rejects.toThrow(/field "minutes".*field "papers\.0\.url"/);
  });

  it('rejects an order that disagrees with the file name, and a file off the course path', async () => {
    await expect(listLessons(lessonDir({ '03-noise.mdx': goodFrontmatter }))).rejects.toThrow(/03-noise\.mdx: field "order" is 2/);
    await expect(listLessons(lessonDir({ '02-colour.mdx': goodFrontmatter }))).rejects.toThrow(/02-colour\.mdx: not on the course path/);
    await expect(listLessons(lessonDir({ 'noise.mdx': goodFrontmatter }))).rejects.toThrow(/noise\.mdx: lesson files are named NN-slug\.mdx/);
  });
});

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { bundleMDX } from 'mdx-bundler';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeSlug from 'rehype-slug';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeHighlight from 'rehype-highlight';
import { REGISTERED_COMPONENTS } from './registered-components';
import { COURSE_PATH, lessonFileName, type CourseStop } from './course';
import { parseLessonFrontmatter, type LessonFrontmatter } from './frontmatter';
import { remarkRegistryOnly } from './mdx-checks';
import { remarkMeasured } from './remark-measured';
import { loadFacts } from './measured-facts.server';
import { lessonSlugFromFile, remarkRunnableCells } from './runnable-cells';
import { rehypeCollectToc, type TocEntry } from './toc';
import { rehypeFocusableScrollers } from './focusable-scrollers';
import { rehypeSlideSections } from './slide-sections';
import { rehypeRenderEstimates } from './render-estimates';

// MARBLE_LESSONS_DIR lets a build use another folder of lessons (e.g. to test a subset).
export const LESSONS_DIR = process.env.MARBLE_LESSONS_DIR ?? path.join(process.cwd(), 'content', 'lessons');

export interface LessonMeta extends LessonFrontmatter {
  slug: string;
  file: string;
  words: number;
}

export interface Lesson extends LessonMeta {
  /** The compiled MDX module (a function body for mdx-bundler's getMDXComponent). */
  code: string;
  toc: TocEntry[];
}

const FILE_NAME = /^(\d{2})-([a-z0-9-]+)\.mdx$/;

/** Reads and checks the frontmatter of every lesson file, in course order. */
export async function listLessons(dir = LESSONS_DIR): Promise<LessonMeta[]> {
  const files = (await readdir(/*turbopackIgnore: true*/ dir)).filter((f) => f.endsWith('.mdx')).sort();
  const lessons = await Promise.all(files.map((file) => readLessonMeta(dir, file)));
  return lessons.sort((a, b) => a.order - b.order);
}

async function readLessonMeta(dir: string, file: string): Promise<LessonMeta> {
  const match = FILE_NAME.exec(file);
  if (!match) throw new Error(`${file}: lesson files are named NN-slug.mdx (two digits, a dash, a lower-case slug)`);
  const [, number, slug] = match;
  const source = await readFile(/*turbopackIgnore: true*/ path.join(dir, file), 'utf8');
  const { data, content } = matter(source);
  const frontmatter = parseLessonFrontmatter(file, data);
  if (frontmatter.order !== Number(number)) {
    throw new Error(`${file}: field "order" is ${frontmatter.order} but the file name says ${Number(number)}`);
  }
  const stop = COURSE_PATH.find((s) => s.slug === slug);
  if (!stop || stop.order !== frontmatter.order) {
    throw new Error(`${file}: not on the course path (lib/content/course.ts); expected one of ${COURSE_PATH.map(lessonFileName).join(', ')}`);
  }
  return { ...frontmatter, slug, file, words: countWords(content) };
}

function countWords(markdown: string): number {
  return markdown.replace(/```[\s\S]*?```/g, ' ').split(/\s+/).filter(Boolean).length;
}

const bundled = new Map<string, Promise<Lesson>>();

/** Compiles one lesson (memoised per process, so a build bundles each lesson once). */
export function loadLesson(slug: string, dir = LESSONS_DIR): Promise<Lesson> {
  const key = `${dir}:${slug}`;
  let lesson = bundled.get(key);
  if (!lesson) {
    lesson = compileLesson(slug, dir);
    bundled.set(key, lesson);
  }
  return lesson;
}

async function compileLesson(slug: string, dir: string): Promise<Lesson> {
  const meta = (await listLessons(dir)).find((l) => l.slug === slug);
  if (!meta) throw new Error(`No lesson with slug "${slug}" in ${dir}`);
  return { ...meta, ...(await compileMdx(meta.file, await readFile(/*turbopackIgnore: true*/ path.join(dir, meta.file), 'utf8'))) };
}

/** Bundles MDX source with the course's plugins; throws naming the file on any problem. */
export async function compileMdx(file: string, source: string): Promise<{ code: string; toc: TocEntry[] }> {
  const toc: TocEntry[] = [];
  try {
    const { code } = await bundleMDX({
      source,
      mdxOptions(options) {
        options.remarkPlugins = [
          ...(options.remarkPlugins ?? []),
          remarkGfm,
          remarkMath,
          remarkRunnableCells({ file, lesson: lessonSlugFromFile(file) }),
          remarkMeasured({ file, facts: loadFacts() }), // before the registry check: <Measured> becomes plain spans
          remarkRegistryOnly({ file, allowed: REGISTERED_COMPONENTS }),
        ];
        options.rehypePlugins = [
          ...(options.rehypePlugins ?? []),
          rehypeSlug,
          rehypeCollectToc(toc), // before the anchors are appended, so entries hold the heading text only
          [rehypeAutolinkHeadings, { behavior: 'append', properties: { className: ['anchor'], ariaHidden: true, tabIndex: -1 }, content: { type: 'text', value: '#' } }],
          rehypeKatex,
          [rehypeHighlight, { detect: false }],
          rehypeFocusableScrollers,
          rehypeSlideSections, // wraps the finished blocks into one section per h2
          rehypeRenderEstimates, // last: each section's prose blocks get their estimated size
        ];
        return options;
      },
    });
    return { code, toc };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new Error(message.includes(file) ? message : `${file}: ${message}`);
  }
}

/** The course path with each stop's lesson, when written. */
export async function coursePathWithLessons(): Promise<Array<CourseStop & { lesson: LessonMeta | null }>> {
  const lessons = await listLessons();
  return COURSE_PATH.map((stop) => ({ ...stop, lesson: lessons.find((l) => l.slug === stop.slug) ?? null }));
}

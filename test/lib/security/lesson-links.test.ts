/**
 * Lesson pages need 'unsafe-eval' (mdx-bundler) and no other page has it. A Next.js <Link> navigates
 * on the client and keeps the first page's policy, so a <Link> from any other page to a lesson would
 * open a lesson that cannot render. Outside app/lessons and components/lesson, a link to /lessons
 * must be a plain anchor (a full page load).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx$/.test(name) ? [full] : [];
  });
}

const LESSON_SIDE = [path.join('app', 'lessons'), path.join('components', 'lesson')];
const LINK_TO_LESSON = /<Link\b[^>]*href=\{?[`'"]\/lessons/;

describe('links into lessons from pages with the stricter policy', () => {
  it('are plain anchors, never a client-side <Link>', () => {
    const offenders = [...sources('app'), ...sources('components')]
      .filter((file) => !LESSON_SIDE.some((dir) => file.startsWith(dir)))
      .filter((file) => LINK_TO_LESSON.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('the check finds a <Link> to a lesson when there is one', () => {
    expect(LINK_TO_LESSON.test('<Link className="button" href={`/lessons/${slug}`}>')).toBe(true);
    expect(LINK_TO_LESSON.test('<a href={`/lessons/${slug}`}>')).toBe(false);
  });
});

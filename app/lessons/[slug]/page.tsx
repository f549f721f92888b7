import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { HoldJumpTarget } from '@/components/lesson/hold-jump-target';
import { LessonContent } from '@/components/lesson/lesson-content';
import { LessonProgressMarker } from '@/components/lesson/lesson-progress';
import { LessonToc } from '@/components/lesson/lesson-toc';
import { listLessons, loadLesson } from '@/lib/content/lessons.server';
import { lessonMetadata, lessonStaticParams, type LessonRouteProps } from '@/lib/content/lesson-route.server';

// Every lesson is pre-rendered; any other slug is the 404 page.
export const dynamicParams = false;

export const generateStaticParams = lessonStaticParams;

type Props = LessonRouteProps;

export function generateMetadata(props: Props): Promise<Metadata> {
  return lessonMetadata(props);
}

/** Reading speed for the "reading time" estimate (words per minute of technical prose). */
const WORDS_PER_MINUTE = 200;

export default async function LessonPage({ params }: Props) {
  const { slug } = await params;
  const lessons = await listLessons();
  const index = lessons.findIndex((l) => l.slug === slug);
  if (index < 0) notFound();
  const lesson = await loadLesson(slug);
  const previous = lessons[index - 1];
  const next = lessons[index + 1];
  const readingMinutes = Math.max(1, Math.round(lesson.words / WORDS_PER_MINUTE));

  return (
    <div className="lesson-layout">
      <article className="lesson" aria-labelledby="lesson-title">
        <header className="lesson__header">
          <p className="lesson__eyebrow">Lesson {String(lesson.order).padStart(2, '0')}</p>
          <h1 id="lesson-title">{lesson.title}</h1>
          <p className="lesson__summary">{lesson.summary}</p>
          <p className="lesson__meta" data-testid="lesson-meta">
            About {lesson.minutes} min with the live figures · {readingMinutes} min reading ·{' '}
            <Link href={`/lessons/${slug}/present`} data-testid="present-link">Present this lesson</Link>
          </p>
          <LessonProgressMarker slug={slug} />
        </header>
        <div className="lesson__body prose">
          <LessonContent code={lesson.code} />
        </div>
        {lesson.papers.length ? (
          <section className="lesson__papers" aria-labelledby="papers-title">
            <h2 id="papers-title">Papers</h2>
            <ul>
              {lesson.papers.map((paper) => (
                <li key={paper.url}>
                  <a href={paper.url} rel="noreferrer">
                    {paper.title}
                  </a>{' '}
                  — {paper.authors}, {paper.year}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <nav className="lesson-nav" aria-label="Lessons">
          {previous ? (
            <Link rel="prev" href={`/lessons/${previous.slug}`} data-testid="previous-lesson">
              ← {previous.title}
            </Link>
          ) : (
            <Link href="/">← Course map</Link>
          )}
          {next ? (
            <Link rel="next" href={`/lessons/${next.slug}`} data-testid="next-lesson">
              {next.title} →
            </Link>
          ) : (
            <Link href="/">Course map →</Link>
          )}
        </nav>
      </article>
      {lesson.toc.length ? (
        <LessonToc entries={lesson.toc} />
      ) : null}
      <HoldJumpTarget />
    </div>
  );
}

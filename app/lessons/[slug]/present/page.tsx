import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LessonContent } from '@/components/lesson/lesson-content';
import { PresentDeck } from '@/components/lesson/present-deck';
import { listLessons, loadLesson } from '@/lib/content/lessons.server';
import { lessonMetadata, lessonStaticParams, type LessonRouteProps } from '@/lib/content/lesson-route.server';

// Present mode of every lesson is pre-rendered; any other slug is the 404 page.
export const dynamicParams = false;

export const generateStaticParams = lessonStaticParams;

type Props = LessonRouteProps;

export function generateMetadata(props: Props): Promise<Metadata> {
  return lessonMetadata(props, ' (present)');
}

/** The same compiled lesson as /lessons/[slug], shown as slides (one per h2 section). */
export default async function PresentPage({ params }: Props) {
  const { slug } = await params;
  if (!(await listLessons()).some((l) => l.slug === slug)) notFound();
  const lesson = await loadLesson(slug);
  return (
    <PresentDeck slug={slug} order={lesson.order} title={lesson.title} summary={lesson.summary}>
      <LessonContent code={lesson.code} />
    </PresentDeck>
  );
}

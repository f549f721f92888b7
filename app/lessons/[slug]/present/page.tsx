import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LessonContent } from '@/components/lesson/lesson-content';
import { PresentDeck } from '@/components/lesson/present-deck';
import { listLessons, loadLesson } from '@/lib/content/lessons.server';

// Present mode of every lesson is pre-rendered; any other slug is the 404 page.
export const dynamicParams = false;

export async function generateStaticParams() {
  return (await listLessons()).map((lesson) => ({ slug: lesson.slug }));
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const lesson = (await listLessons()).find((l) => l.slug === slug);
  return lesson ? { title: `${lesson.title} (present)`, description: lesson.summary } : {};
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

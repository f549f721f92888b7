import { listLessons } from './lessons.server';

/** What both lesson routes (/lessons/[slug] and its present mode) pre-render and call themselves. */
export type LessonRouteProps = { params: Promise<{ slug: string }> };

/** Every lesson's slug: the routes pre-render these and 404 on any other. */
export async function lessonStaticParams(): Promise<Array<{ slug: string }>> {
  return (await listLessons()).map((lesson) => ({ slug: lesson.slug }));
}

/** The page title (with `titleSuffix`) and description from the lesson's frontmatter; none for an unknown slug. */
export async function lessonMetadata({ params }: LessonRouteProps, titleSuffix = ''): Promise<{ title?: string; description?: string }> {
  const { slug } = await params;
  const lesson = (await listLessons()).find((l) => l.slug === slug);
  return lesson ? { title: `${lesson.title}${titleSuffix}`, description: lesson.summary } : {};
}

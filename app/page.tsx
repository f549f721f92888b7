import Link from 'next/link';
import { CourseMap, type CourseMapStop } from '@/components/course/course-map';
import { coursePathWithLessons } from '@/lib/content/lessons.server';

export default async function CourseMapPage() {
  const path = await coursePathWithLessons();
  const stops: CourseMapStop[] = path.map(({ order, slug, title, teaches, part, lesson }) => ({
    order, slug, title, teaches, part,
    lesson: lesson ? { summary: lesson.summary, minutes: lesson.minutes } : null,
  }));
  const first = path.find((s) => s.lesson);
  return (
    <>
      <section className="hero">
        <h1>How diffusion language models work, and why they can be ten times faster</h1>
        <p>
          Marble retraces the path from autoregression through Gaussian diffusion to masked and block diffusion, and ends
          with a small diffusion language model that out-runs its autoregressive twin. Every figure is a real model running
          in your browser, next to code you can change.
        </p>
        {first ? (
          <p>
            <Link className="button" href={`/lessons/${first.slug}`}>
              Start with “{first.title}”
            </Link>
          </p>
        ) : null}
      </section>
      <CourseMap stops={stops} />
    </>
  );
}

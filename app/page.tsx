import { CourseMap, type CourseMapStop } from '@/components/course/course-map';
import { coursePathWithLessons } from '@/lib/content/lessons.server';
import { loadFacts } from '@/lib/content/measured-facts.server';
import { headlineLines } from '@/lib/content/headline-facts';

export default async function CourseMapPage() {
  const path = await coursePathWithLessons();
  const stops: CourseMapStop[] = path.map(({ order, slug, title, teaches, part, lesson }) => ({
    order, slug, title, teaches, part,
    lesson: lesson ? { summary: lesson.summary, minutes: lesson.minutes } : null,
  }));
  const first = path.find((s) => s.lesson);
  const facts = loadFacts();
  const measured = headlineLines(facts);
  return (
    <>
      <section className="hero">
        <h1>How diffusion language models work, and when they out-run autoregressive ones</h1>
        <p>
          Marble retraces the path from autoregression through Gaussian diffusion to masked and block diffusion, and ends
          with a small diffusion language model that out-runs its autoregressive twin. Every figure is a real model running
          in your browser, next to code you can change.
        </p>
        {measured.length ? (
          <div className="hero__measured" data-testid="hero-measured">
            <p>What this course&apos;s own benchmark measured ({facts['bench.goals.met']?.source}):</p>
            <ul>
              {measured.map((l) => <li key={l.set}>On {l.text.replace(/`/g, '')}.</li>)}
            </ul>
          </div>
        ) : null}
        {first ? (
          <p>
            {/* A plain anchor: a lesson needs its own page load for its CSP (see components/course/course-map.tsx). */}
            <a className="button" href={`/lessons/${first.slug}`}>
              Start with “{first.title}”
            </a>
          </p>
        ) : null}
      </section>
      <CourseMap stops={stops} />
    </>
  );
}

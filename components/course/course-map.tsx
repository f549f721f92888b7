'use client';
import { useProgress } from '../hooks/use-progress';
import { coursePathSegment } from '../viz/course-path';
import { COURSE_PARTS, type CoursePart } from '@/lib/content/course';

export interface CourseMapStop {
  order: number;
  slug: string;
  title: string;
  teaches: string;
  part: CoursePart;
  /** Present when the lesson is written. */
  lesson: { summary: string; minutes: number } | null;
}

/**
 * The home page: the whole course as a winding path, with the reader's progress on each stop.
 * Lesson links are plain anchors, so opening a lesson loads its page: a client-side navigation keeps
 * this page's Content-Security-Policy, which (unlike a lesson's) has no 'unsafe-eval', and the
 * lesson's MDX could not be evaluated (security-headers.mjs; test/lib/security/lesson-links.test.ts).
 */
export function CourseMap({ stops }: { stops: CourseMapStop[] }) {
  const { progress, clear } = useProgress();
  const written = stops.filter((s) => s.lesson);
  const visited = written.filter((s) => progress.lessons[s.slug]).length;

  return (
    <section aria-labelledby="course-map-title" className="course-map">
      <div className="course-map__header">
        <h2 id="course-map-title">The course map</h2>
        <p className="course-map__summary" data-testid="progress-summary">
          {visited} of {written.length} lessons visited{written.length < stops.length ? ` · ${stops.length - written.length} coming` : ''}
        </p>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => {
            if (window.confirm('Forget which lessons you visited and which exercises you passed?')) clear();
          }}
          disabled={visited === 0}
        >
          Clear my progress
        </button>
      </div>
      <ol className="course-map__path">
        {stops.map((stop, index) => {
          const segment = coursePathSegment(index, stops.length);
          const lessonProgress = progress.lessons[stop.slug];
          const newPart = index === 0 || stops[index - 1].part !== stop.part;
          const state = !stop.lesson ? 'coming' : lessonProgress ? 'visited' : 'new';
          return (
            <li key={stop.slug} className={`course-stop course-stop--${state} course-stop--${stop.part}`} data-testid="course-stop" data-slug={stop.slug} data-state={state}>
              <svg className="course-stop__path" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
                <path d={segment.d} vectorEffect="non-scaling-stroke" />
              </svg>
              <span className="course-stop__node" aria-hidden="true">
                {String(stop.order).padStart(2, '0')}
              </span>
              <div className="course-stop__body">
                {newPart ? <p className="course-stop__part">{COURSE_PARTS[stop.part]}</p> : null}
                <h3 className="course-stop__title">
                  {stop.lesson ? <a href={`/lessons/${stop.slug}`}>{stop.title}</a> : <span>{stop.title}</span>}
                </h3>
                <p className="course-stop__summary">{stop.lesson?.summary ?? stop.teaches}</p>
                <p className="course-stop__meta">
                  {stop.lesson ? <span>{stop.lesson.minutes} min</span> : <span className="tag tag--coming">coming</span>}
                  {lessonProgress ? <span className="tag tag--visited">visited</span> : null}
                  {lessonProgress?.exercisesPassed.length ? (
                    <span className="tag tag--passed">
                      {lessonProgress.exercisesPassed.length} exercise{lessonProgress.exercisesPassed.length > 1 ? 's' : ''} passed
                    </span>
                  ) : null}
                </p>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

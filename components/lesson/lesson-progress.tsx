'use client';
import { useEffect, useState } from 'react';
import { useProgress } from '../hooks/use-progress';

/**
 * Marks the lesson visited on the reader's course map, and shows how far through the page they are.
 */
export function LessonProgressMarker({ slug }: { slug: string }) {
  const { progress, visit } = useProgress();
  const [fraction, setFraction] = useState(0);

  useEffect(() => visit(slug), [slug, visit]);

  useEffect(() => {
    const update = () => {
      const scrollable = document.documentElement.scrollHeight - window.innerHeight;
      setFraction(scrollable > 0 ? Math.min(1, window.scrollY / scrollable) : 1);
    };
    update();
    window.addEventListener('scroll', update, { passive: true });
    window.addEventListener('resize', update);
    return () => {
      window.removeEventListener('scroll', update);
      window.removeEventListener('resize', update);
    };
  }, []);

  const passed = progress.lessons[slug]?.exercisesPassed.length ?? 0;
  return (
    <div className="lesson-progress">
      <div
        className="lesson-progress__bar"
        role="progressbar"
        aria-label="How far you have read"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(fraction * 100)}
      >
        <span style={{ transform: `scaleX(${fraction})` }} />
      </div>
      <p className="lesson-progress__status" data-testid="lesson-status">
        {progress.lessons[slug] ? 'Visited' : 'New'}
        {passed ? ` · ${passed} exercise${passed > 1 ? 's' : ''} passed` : ''}
      </p>
    </div>
  );
}

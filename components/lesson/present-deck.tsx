'use client';
import Link from 'next/link';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { SLIDE_SECTION_CLASS } from '@/lib/content/slide-sections';
import './present.css';

export interface PresentDeckProps {
  slug: string;
  order: number;
  title: string;
  summary: string;
  /** The lesson content: one <section class="lesson-section"> per slide. */
  children: ReactNode;
}

/** #slide-3 -> 3; anything else -> 0 (the title slide). */
function slideFromHash(hash: string): number {
  const match = /^#slide-(\d+)$/.exec(hash);
  return match ? Number(match[1]) : 0;
}

/** Keys typed into a control belong to that control (sliders use the arrows, buttons Space). */
function ownsKeys(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input, textarea, select, button, [role="slider"], [contenteditable="true"], .cm-editor') !== null;
}

/**
 * Present mode: the lesson's sections one at a time, large, for a classroom projector. The title
 * slide comes first; arrows, Page Up/Down, Space, Home and End move; the slide is kept in the
 * address (#slide-N) so a reload or a shared link lands on the same slide. Widgets stay live.
 */
export function PresentDeck({ slug, order, title, summary, children }: PresentDeckProps) {
  const content = useRef<HTMLDivElement>(null);
  const [count, setCount] = useState(0);
  const [slide, setSlide] = useState(0);
  const [heading, setHeading] = useState<{ id: string; text: string } | null>(null);

  const sections = useCallback(
    () => Array.from(content.current?.querySelectorAll<HTMLElement>(`:scope > .${SLIDE_SECTION_CLASS}`) ?? []),
    [],
  );

  useEffect(() => {
    const total = sections().length;
    setCount(total);
    const fromAddress = () => setSlide(Math.min(slideFromHash(window.location.hash), total));
    fromAddress();
    // A link to another slide of this deck changes only the hash.
    window.addEventListener('hashchange', fromAddress);
    return () => window.removeEventListener('hashchange', fromAddress);
  }, [sections]);

  // Keep the address and the announced heading in step with the slide.
  useEffect(() => {
    if (count === 0 && slide === 0) return;
    const hash = slide === 0 ? '' : `#slide-${slide}`;
    history.replaceState(null, '', window.location.pathname + window.location.search + hash);
    const h2 = slide > 0 ? sections()[slide - 1]?.querySelector('h2') : null;
    setHeading(h2 ? { id: h2.id, text: (h2.textContent ?? '').replace(/#$/, '').trim() } : null);
  }, [slide, count, sections]);

  const go = useCallback((to: number) => setSlide(Math.max(0, Math.min(count, to))), [count]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || ownsKeys(e.target)) return;
      const moves: Record<string, (s: number) => number> = {
        ArrowRight: (s) => s + 1, PageDown: (s) => s + 1, ' ': (s) => s + 1,
        ArrowLeft: (s) => s - 1, PageUp: (s) => s - 1, Home: () => 0, End: () => count,
      };
      const move = moves[e.key];
      if (!move) return;
      e.preventDefault();
      setSlide((s) => Math.max(0, Math.min(count, move(s))));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [count]);

  const fullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => { /* the browser said no; the deck works anyway */ });
  };

  const exitHref = `/lessons/${slug}${heading ? `#${heading.id}` : ''}`;
  return (
    <div className="deck" data-testid="present-deck" data-slide={slide}>
      {/* Only the current section shows; the rest stay mounted so their widgets keep their state. */}
      <style>{slide === 0
        ? `.deck__content { display: none; }`
        : `.deck__content > .${SLIDE_SECTION_CLASS}:not(:nth-child(${slide})) { display: none; }`}</style>
      {slide === 0 ? (
        <section className="deck__title" aria-labelledby="deck-title">
          <p className="deck__eyebrow">Lesson {String(order).padStart(2, '0')}</p>
          <h1 id="deck-title">{title}</h1>
          <p className="deck__summary">{summary}</p>
          <p className="deck__hint">Press → or Space to start; ← to go back; Home and End jump.</p>
        </section>
      ) : null}
      <div className="deck__content prose" ref={content}>{children}</div>
      <nav className="deck__controls" aria-label="Slides">
        <button type="button" className="button button--small button--quiet" onClick={() => go(slide - 1)} disabled={slide === 0}>← Previous</button>
        <span className="deck__counter" aria-live="polite" data-testid="slide-counter">
          {slide === 0 ? 'Title' : `Slide ${slide} of ${count}`}{heading ? `: ${heading.text}` : ''}
        </span>
        <button type="button" className="button button--small button--quiet" onClick={() => go(slide + 1)} disabled={slide >= count}>Next →</button>
        <button type="button" className="button button--small button--quiet" onClick={fullscreen}>Full screen</button>
        <Link href={exitHref} className="deck__exit">Exit to the lesson</Link>
      </nav>
    </div>
  );
}

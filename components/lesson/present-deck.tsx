'use client';
import Link from 'next/link';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { SLIDE_SECTION_CLASS } from '@/lib/content/slide-sections';
import { nextScrollTop, screenfuls } from '@/lib/content/slide-pages';
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
 * slide comes first. The slide fills the screen above the controls; one taller than the screen is
 * read a screenful at a time: Page Down and Space show the next screenful (starting at a paragraph or
 * figure, never cutting one at the top) and only then the next slide; the arrows move a whole slide;
 * Home and End jump; F toggles full screen. Each slide opens at its top. The slide is kept in the
 * address (#slide-N) so a reload or a shared link lands on the same slide. Widgets stay live.
 */
export function PresentDeck({ slug, order, title, summary, children }: PresentDeckProps) {
  const content = useRef<HTMLDivElement>(null);
  const viewport = useRef<HTMLDivElement>(null);
  const [screen, setScreen] = useState({ at: 1, of: 1 });
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

  // Clamp to the sections in the page, not to the `count` state: a key pressed while the page is
  // still hydrating (lazy cells on the way) would otherwise meet a handler that thinks there are none.
  const clamp = useCallback((to: number) => Math.max(0, Math.min(sections().length, to)), [sections]);
  const go = useCallback((to: number) => setSlide(clamp(to)), [clamp]);

  // Which screenful of the slide is in view (for the "more below" hint).
  const measureScreen = useCallback(() => {
    const el = viewport.current;
    if (!el) return;
    const of = screenfuls(el.clientHeight, el.scrollHeight);
    const at = el.scrollTop >= el.scrollHeight - el.clientHeight - 1 ? of : Math.min(of, 1 + Math.floor(el.scrollTop / el.clientHeight));
    setScreen((s) => (s.at === at && s.of === of ? s : { at, of }));
  }, []);

  // A new slide opens at its top.
  useLayoutEffect(() => {
    viewport.current?.scrollTo({ top: 0 });
    window.scrollTo({ top: 0 });
    measureScreen();
  }, [slide, measureScreen]);

  useEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(measureScreen);
    observer.observe(el);
    if (content.current) observer.observe(content.current);
    el.addEventListener('scroll', measureScreen, { passive: true });
    return () => { observer.disconnect(); el.removeEventListener('scroll', measureScreen); };
  }, [measureScreen]);

  /** Page Down / Space: the next screenful of this slide, else the next slide (and back for -1). */
  const page = useCallback((direction: 1 | -1) => {
    const el = viewport.current;
    const section = slide > 0 ? sections()[slide - 1] : null;
    if (el && section) {
      const origin = el.getBoundingClientRect().top - el.scrollTop;
      const blocks = Array.from(section.children).map((child) => {
        const box = child.getBoundingClientRect();
        return { top: box.top - origin, bottom: box.bottom - origin };
      });
      const top = nextScrollTop(blocks, el.scrollTop, el.clientHeight, el.scrollHeight, direction);
      if (top !== null) {
        el.scrollTo({ top });
        return;
      }
    }
    setSlide((s) => clamp(s + direction));
  }, [slide, sections, clamp]);

  const fullscreen = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => { /* the browser said no; the deck works anyway */ });
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey || e.ctrlKey || e.metaKey || ownsKeys(e.target)) return;
      const slides: Record<string, (s: number) => number> = {
        ArrowRight: (s) => s + 1, ArrowLeft: (s) => s - 1, Home: () => 0, End: () => sections().length,
      };
      if (e.key === 'PageDown' || (e.key === ' ' && !e.shiftKey)) page(1);
      else if (e.key === 'PageUp' || (e.key === ' ' && e.shiftKey)) page(-1);
      else if (e.key === 'f' || e.key === 'F') fullscreen();
      else if (slides[e.key]) setSlide((s) => clamp(slides[e.key](s)));
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sections, clamp, page, fullscreen]);

  const exitHref = `/lessons/${slug}${heading ? `#${heading.id}` : ''}`;
  return (
    <div className="deck" data-testid="present-deck" data-slide={slide} data-ready={count > 0 ? 'true' : 'false'}>
      {/* Only the current section shows; the rest stay mounted so their widgets keep their state. */}
      <style>{slide === 0
        ? `.deck__viewport { display: none; }`
        : `.deck__content > .${SLIDE_SECTION_CLASS}:not(:nth-child(${slide})) { display: none; }`}</style>
      {slide === 0 ? (
        <section className="deck__title" aria-labelledby="deck-title">
          <p className="deck__eyebrow">Lesson {String(order).padStart(2, '0')}</p>
          <h1 id="deck-title">{title}</h1>
          <p className="deck__summary">{summary}</p>
          <p className="deck__hint">Press → or Space to start; ← to go back; Page Down and Space also read a long slide a screenful at a time; Home and End jump; F for full screen.</p>
        </section>
      ) : null}
      <div className="deck__viewport" ref={viewport} data-testid="deck-viewport" tabIndex={0} role="region" aria-label="Slide">
        <div className="deck__content prose" ref={content}>{children}</div>
      </div>
      <nav className="deck__controls" aria-label="Slides">
        <button type="button" className="button button--small button--quiet" onClick={() => go(slide - 1)} disabled={slide === 0}>← Previous</button>
        <span className="deck__counter" aria-live="polite" data-testid="slide-counter">
          {slide === 0 ? 'Title' : `Slide ${slide} of ${count}`}{heading ? `: ${heading.text}` : ''}
        </span>
        <button type="button" className="button button--small button--quiet" onClick={() => go(slide + 1)} disabled={slide >= count}>Next →</button>
        {slide > 0 && screen.of > 1 ? (
          <button type="button" className="button button--small button--quiet deck__more" onClick={() => page(1)} data-testid="slide-screen">
            {screen.at < screen.of ? `▾ more (${screen.at}/${screen.of}, Page Down)` : `end of slide (${screen.of}/${screen.of})`}
          </button>
        ) : null}
        <button type="button" className="button button--small button--quiet" onClick={fullscreen} aria-keyshortcuts="F">Full screen</button>
        <Link href={exitHref} className="deck__exit">Exit to the lesson</Link>
      </nav>
    </div>
  );
}

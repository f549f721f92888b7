'use client';
import { createElement, useEffect, useRef, useState, type ComponentType } from 'react';
import { useNearViewport } from '@/components/hooks/use-near-viewport';
import './deferred-figure.css';

/**
 * Live figures in a lesson load when the reader gets near them: until then a lesson page holds
 * neither the figure's code nor the model worker (which downloads tfjs). A figure mounts when it
 * comes near the viewport (useNearViewport), or when the reader presses its "Load" button. On a
 * fast connection, the figure's code is fetched ahead while the page is idle (never tfjs).
 */

/** Names of registered components that are prose, not live figures: they render at once. */
const STATIC_COMPONENTS = new Set(['Callout', 'KeyIdea', 'Recap', 'RunnableCell', 'Predict']);

type Preloadable = ComponentType<Record<string, unknown>> & { render?: { preload?: () => void }; preload?: () => void };

function fastConnection(): boolean {
  const connection = (navigator as Navigator & { connection?: { saveData?: boolean; effectiveType?: string } }).connection;
  if (!connection) return false;
  return connection.saveData !== true && connection.effectiveType === '4g';
}

function DeferredFigure({ name, component, props }: { name: string; component: Preloadable; props: Record<string, unknown> }) {
  const [pressed, setPressed] = useState(false);
  const placeholder = useRef<HTMLDivElement>(null);
  const load = useNearViewport(placeholder) || pressed;
  useEffect(() => {
    if (load) return;
    // Idle prefetch of the figure's code only, and only on a fast connection without data saving.
    const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
    if (idle && fastConnection()) idle(() => { component.preload?.(); component.render?.preload?.(); }, { timeout: 4000 });
  }, [load, component]);
  // The wrapper takes no box (display: contents); it marks where a live figure is, for tools such as
  // bench:web's time to first figure.
  if (load) return <div className="live-figure" data-live-figure={name}>{createElement(component, props)}</div>;
  return (
    <div ref={placeholder} className="widget deferred-figure" data-testid="deferred-figure" data-figure={name}>
      <p>Live figure: it loads when you scroll to it.</p>
      <button type="button" className="button button--small" onClick={() => setPressed(true)}>Load this figure now</button>
    </div>
  );
}

/** The registry with every live figure wrapped so it mounts only when needed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each registered component has its own props
export function deferLiveFigures<T extends Record<string, ComponentType<any>>>(registry: T): T {
  const wrapped: Record<string, ComponentType<Record<string, unknown>>> = {};
  for (const [name, component] of Object.entries(registry)) {
    if (STATIC_COMPONENTS.has(name)) {
      wrapped[name] = component as unknown as ComponentType<Record<string, unknown>>;
      continue;
    }
    const Deferred = (props: Record<string, unknown>) => <DeferredFigure name={name} component={component as unknown as Preloadable} props={props} />;
    Deferred.displayName = `Deferred(${name})`;
    wrapped[name] = Deferred;
  }
  return wrapped as unknown as T;
}

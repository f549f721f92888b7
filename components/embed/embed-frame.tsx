'use client';
import { useEffect, useRef, useState } from 'react';
import { registry } from '../mdx/registry';
import { BackendBadge } from '../layout/backend-badge';
import { EMBEDS, embedPropsFromQuery, type EmbedId, type EmbedProps } from '@/lib/content/embeds';
import { useReportHeight } from './use-report-height';
import './embed.css';

/**
 * One registered widget alone, for an iframe. Its settings come from the address (checked against
 * the widget's table in lib/content/embeds.ts); settings it does not know are named and ignored.
 * The widget mounts after the address is read, so it never starts with the wrong settings.
 */
export function EmbedFrame({ id, lessonTitle }: { id: EmbedId; lessonTitle: string }) {
  const spec = EMBEDS[id];
  const [settings, setSettings] = useState<EmbedProps | null>(null);
  useEffect(() => {
    setSettings(embedPropsFromQuery(id, new URLSearchParams(window.location.search).entries()));
  }, [id]);

  const root = useRef<HTMLDivElement>(null);
  useReportHeight(id, root);

  const Widget = registry[spec.component];
  return (
    <div className="embed" data-testid="embed" ref={root}>
      {settings?.problems.length ? (
        <div className="embed__notice" role="status" data-testid="embed-problems">
          {settings.problems.map((p) => <p key={p}>{p}</p>)}
        </div>
      ) : null}
      {settings ? <Widget {...settings.props} /> : <p className="embed__loading">Loading {spec.title}…</p>}
      <p className="embed__credit">
        {spec.title}, from the lesson{' '}
        <a href={`/lessons/${spec.lesson}`} target="_blank" rel="noreferrer">{lessonTitle}</a> of Marble, a course on diffusion language models.{' '}
        <BackendBadge />
      </p>
    </div>
  );
}

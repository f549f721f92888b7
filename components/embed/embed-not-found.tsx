'use client';
import { useEffect, useState } from 'react';
import { EMBEDS, suggestEmbeds } from '@/lib/content/embeds';

/**
 * The 404 page's words for a mistyped embed address (/embed/<id>): which id was asked for, the
 * closest real ones and the full list. Read on the client because a static host serves one 404
 * page for every missing path.
 */
export function EmbedNotFound() {
  const [asked, setAsked] = useState<string | null>(null);
  useEffect(() => {
    const match = /^\/embed\/([^/]+)\/?$/.exec(window.location.pathname);
    if (match) setAsked(decodeURIComponent(match[1]));
  }, []);
  if (asked === null) return null;
  const close = suggestEmbeds(asked);
  return (
    <div className="notice notice--warning" role="status" data-testid="embed-not-found">
      <p>There is no widget called “{asked}” to embed. Did you mean {close.map((id, i) => (
        <span key={id}>{i > 0 ? (i === close.length - 1 ? ' or ' : ', ') : ''}<a href={`/embed/${id}`}>{id}</a></span>
      ))}?</p>
      <details>
        <summary>All {Object.keys(EMBEDS).length} widgets you can embed</summary>
        <ul>
          {Object.entries(EMBEDS).map(([id, spec]) => (
            <li key={id}><a href={`/embed/${id}`}>{id}</a>: {spec.title}</li>
          ))}
        </ul>
      </details>
    </div>
  );
}

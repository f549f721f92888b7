'use client';
import { useEffect, type RefObject } from 'react';

/** The message an embed sends its host page whenever its height changes (see the README snippet). */
export const EMBED_HEIGHT_MESSAGE = 'marble:embed-height';

export interface EmbedHeightMessage {
  type: typeof EMBED_HEIGHT_MESSAGE;
  /** The embed's id (/embed/<id>). */
  widget: string;
  /** CSS pixels the iframe needs to show everything without scrolling. */
  height: number;
}

/**
 * Tells the page around the iframe how tall the embed is, now and after every change (a widget
 * that grows when it runs, a narrower frame that wraps text), so the host can size the iframe.
 * Only the height is sent, so any origin may hear it.
 */
export function useReportHeight(widget: string, element: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const target = element.current;
    if (!target || window.parent === window) return;
    let last = -1;
    const report = () => {
      // From the top of the document to the embed's bottom margin: all the frame has to show.
      const height = Math.ceil(target.getBoundingClientRect().bottom + window.scrollY + parseFloat(getComputedStyle(target).marginBottom || '0'));
      if (height === last) return;
      last = height;
      const message: EmbedHeightMessage = { type: EMBED_HEIGHT_MESSAGE, widget, height };
      window.parent.postMessage(message, '*');
    };
    const observer = new ResizeObserver(report);
    observer.observe(target);
    report();
    return () => observer.disconnect();
  }, [widget, element]);
}

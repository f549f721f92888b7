'use client';
/**
 * Shared by the diffusion widgets (not a lesson tag): an <svg> the size of its container, redrawn by
 * a pure renderer whenever the data or the width change, with a caption that doubles as the text
 * alternative for screen readers.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useMeasuredWidth } from '@/components/hooks/use-measured-width';

export function SvgFigure({ draw, caption, label, maxWidth = 420, testId }: {
  /** Draws into the svg at the given width (a pure components/viz renderer bound to its data). */
  draw: (svg: SVGSVGElement, width: number) => void;
  caption: ReactNode;
  /** Short accessible name of the image. */
  label: string;
  maxWidth?: number;
  testId?: string;
}) {
  const { ref, width } = useMeasuredWidth<HTMLDivElement>(maxWidth);
  const svgRef = useRef<SVGSVGElement | null>(null);
  const w = Math.min(width, maxWidth);
  useEffect(() => {
    if (svgRef.current) draw(svgRef.current, w);
  }, [draw, w]);
  return (
    <figure className="diffusion-figure" data-testid={testId}>
      <div ref={ref} className="diffusion-figure__box">
        <svg ref={svgRef} role="img" aria-label={label} />
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

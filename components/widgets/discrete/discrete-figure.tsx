'use client';
/**
 * Shared by the discrete-diffusion widgets (not a lesson tag): an <svg> redrawn by a pure
 * components/viz renderer when its data or width change, with a caption that is also its text
 * alternative.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useMeasuredWidth } from '@/components/hooks/use-measured-width';

export function DiscreteFigure({ draw, caption, label, maxWidth = 420, testId }: {
  draw: (svg: SVGSVGElement, width: number) => void;
  caption: ReactNode;
  label: string;
  maxWidth?: number;
  testId?: string;
}) {
  const { ref, width } = useMeasuredWidth<HTMLDivElement>();
  const svgRef = useRef<SVGSVGElement | null>(null);
  const w = Math.min(width, maxWidth);
  useEffect(() => {
    if (svgRef.current && w > 0) draw(svgRef.current, w);
  }, [draw, w]);
  return (
    <figure className="discrete-figure" data-testid={testId}>
      <div ref={ref} className="discrete-figure__box">
        <svg ref={svgRef} role="img" aria-label={label} />
      </div>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

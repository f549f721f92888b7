import { select } from 'd3-selection';
import { scaleSequential } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';

/** What the timeline draws: for each step, which answer positions were decided and how surely. */
export interface TimelineData {
  /** Answer length (columns). */
  length: number;
  steps: Array<{ positions: number[]; confidences: number[]; cachedAnswer: number }>;
}

export interface TimelineOptions {
  width: number;
  /** Height of one step's row in pixels (rows shrink when there are many steps). */
  maxRowHeight?: number;
  maxHeight?: number;
}

export const confidenceColor = scaleSequential(interpolateViridis).domain([0, 1]);

/**
 * The unmasking timeline: position (x) by step (y). A cell is coloured by the model's confidence in
 * the step its token was decided, grey afterwards, pale while masked. A shaded band marks the
 * positions whose keys and values came from a cache in that step. Pure D3: (svg, data, options).
 */
export function renderUnmaskTimeline(svg: SVGSVGElement, data: TimelineData, options: TimelineOptions): void {
  const { width, maxRowHeight = 14, maxHeight = 360 } = options;
  const columns = Math.max(1, data.length);
  const rows = Math.max(1, data.steps.length);
  const cell = width / columns;
  const rowHeight = Math.max(2, Math.min(maxRowHeight, maxHeight / rows));
  const height = rows * rowHeight;
  const root = select(svg).attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
  root.selectAll('*').remove();
  // the whole canvas, so positions still masked (or never reached before [EOS]) are visible too
  root.append('rect').attr('class', 'timeline__canvas').attr('x', 0).attr('y', 0).attr('width', width).attr('height', height);

  const decidedAt = new Array<number>(columns).fill(-1);
  data.steps.forEach((step, row) => {
    const y = row * rowHeight;
    if (step.cachedAnswer > 0) {
      root.append('rect').attr('class', 'timeline__cache').attr('x', 0).attr('y', y).attr('width', step.cachedAnswer * cell).attr('height', rowHeight);
    }
    for (let p = 0; p < columns; p++) {
      if (decidedAt[p] >= 0) {
        root.append('rect').attr('class', 'timeline__done').attr('x', p * cell).attr('y', y).attr('width', cell).attr('height', rowHeight);
      }
    }
    step.positions.forEach((p, i) => {
      if (p < 0 || p >= columns) return;
      decidedAt[p] = row;
      root
        .append('rect')
        .attr('class', 'timeline__new')
        .attr('x', p * cell)
        .attr('y', y)
        .attr('width', cell)
        .attr('height', rowHeight)
        .attr('fill', confidenceColor(step.confidences[i] ?? 0));
    });
  });
}

/** A one-sentence text alternative for screen readers. */
export function describeTimeline(data: TimelineData): string {
  const decided = data.steps.reduce((n, s) => n + s.positions.length, 0);
  if (!data.steps.length) return 'No steps yet.';
  const perStep = decided / data.steps.length;
  const cached = data.steps.filter((s) => s.cachedAnswer > 0).length;
  return `${decided} of ${data.length} positions decided in ${data.steps.length} steps, ${perStep.toFixed(2)} per step on average${cached ? `; ${cached} steps reused cached keys and values` : ''}.`;
}

'use client';
/**
 * The lesson parts that are not live figures but still carry code the page does not need to show
 * its text: code cells (editor, runtime, exercise checks), prediction questions (the question bank
 * and the numbers they compute) and the "your machine" panel. Each is its own chunk, fetched as the
 * page hydrates rather than in its first load; cells and questions still render on the server, so
 * their text is in the HTML from the start.
 *
 * Each sits in its own Suspense boundary: while its chunk is on the way React keeps the server HTML
 * there and hydrates the rest of the page (the present deck's keys, the table of contents) at once.
 */
import { Suspense, type ComponentProps } from 'react';
import dynamic from 'next/dynamic';
import { FigureLoading } from '../widgets/shared/figure-loading';

const RunnableCellChunk = dynamic(() => import('../notebook/runnable-cell').then((m) => m.RunnableCell));
const PredictChunk = dynamic(() => import('../widgets/shared/exercises/predict').then((m) => m.Predict));

export function RunnableCellLazy(props: ComponentProps<typeof RunnableCellChunk>) {
  return <Suspense fallback={null}><RunnableCellChunk {...props} /></Suspense>;
}

export function PredictLazy(props: ComponentProps<typeof PredictChunk>) {
  return <Suspense fallback={null}><PredictChunk {...props} /></Suspense>;
}

export const YourMachineLazy = dynamic(() => import('../widgets/shell/your-machine').then((m) => m.YourMachine), {
  ssr: false,
  loading: () => <FigureLoading />,
});

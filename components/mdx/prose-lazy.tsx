'use client';
/**
 * The lesson parts that are not live figures but still carry code the page does not need to show
 * its text: code cells (editor, runtime, exercise checks), prediction questions (the question bank
 * and the numbers they compute) and the "your machine" panel. Each is its own chunk, fetched as the
 * page hydrates rather than in its first load; cells and questions still render on the server, so
 * their text is in the HTML from the start.
 */
import dynamic from 'next/dynamic';

export const RunnableCellLazy = dynamic(() => import('../notebook/runnable-cell').then((m) => m.RunnableCell));
export const PredictLazy = dynamic(() => import('../widgets/shared/exercises/predict').then((m) => m.Predict));
export const YourMachineLazy = dynamic(() => import('../widgets/shell/your-machine').then((m) => m.YourMachine), {
  ssr: false,
  loading: () => <p className="widget">Loading the figure…</p>,
});

/**
 * The two kinds of exercise every lesson has. A code exercise: the reader defines one function in
 * a lesson cell, and the cell worker checks it against Marble's own library on seeded random inputs
 * (see cases/). A prediction: the reader commits to an answer before the page reveals it, with
 * numbers computed live by the library (see predictions.ts).
 * Plain data and pure functions only: the catalog is read by the page, so no tfjs here.
 */

/** What the page needs to show a code exercise; the cases live in ./cases (worker only). */
export interface CodeExercise {
  id: string;
  /** The lesson's slug (progress is stored under it). */
  lesson: string;
  /** Shown above the result, e.g. "Implement one DDPM step". */
  title: string;
  /** The function the reader's cell must define at its top level. */
  functionName: string;
  /** One or two sentences: what the function takes and returns. */
  task: string;
  /** Nudges from gentle to explicit, revealed one at a time after a failure. */
  hints: readonly string[];
  /** Complete code that passes, revealed on request. */
  solution: string;
}

export interface PredictionOption {
  id: string;
  label: string;
}

/** A number the page computes live when the prediction is revealed. */
export interface RevealedValue {
  label: string;
  value: string;
}

export interface PredictionQuestion {
  id: string;
  lesson: string;
  /** The question, committed to before anything is shown. */
  prompt: string;
  options: readonly PredictionOption[];
  /** The id of the right option. */
  answer: string;
  /** Why, in two or three sentences, shown after the reader commits. */
  explanation: string;
  /** Where in the lesson to watch it happen (a figure or a cell), shown after committing. */
  seeItIn: string;
  /** Figures computed by the library when the answer is revealed (pure, fast, no tfjs). */
  reveal?: () => RevealedValue[];
}

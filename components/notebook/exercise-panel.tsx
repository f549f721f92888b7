'use client';
import { useState } from 'react';
import type { CheckOutcome } from './cell-protocol';
import type { Exercise } from './exercises';

export interface ExercisePanelProps {
  exercise: Exercise | null;
  exerciseId: string;
  check: CheckOutcome | null;
  passedBefore: boolean;
  onUseSolution: (solution: string) => void;
}

/**
 * Under an exercise cell: what to write, the result of the last check (the first failing case, by
 * name), hints from gentle to explicit (the first after a failure, the next on request) and the
 * solution behind a fold.
 */
export function ExercisePanel({ exercise, exerciseId, check, passedBefore, onUseSolution }: ExercisePanelProps) {
  const [hintsShown, setHintsShown] = useState(0);
  if (!exercise) {
    return <p className="nb-exercise nb-exercise--fail" role="alert">This cell is bound to an exercise named “{exerciseId}”, which does not exist.</p>;
  }
  const failed = Boolean(check && !check.passed);
  // A failure always shows at least the first hint; the reader asks for the others.
  const visibleHints = exercise.hints.slice(0, Math.max(hintsShown, failed ? 1 : 0));
  return (
    <section className="nb-exercise" aria-label={`Exercise: ${exercise.title}`} data-testid="exercise">
      <p className="nb-exercise__title">
        <strong>Exercise: {exercise.title}.</strong> {exercise.task} Press Run: your <code>{exercise.functionName}</code> is
        checked against Marble&apos;s library on several inputs.
        {passedBefore && !check ? <span className="tag tag--passed"> passed before</span> : null}
      </p>
      <div aria-live="polite" data-testid="exercise-result">
        {check?.passed ? (
          <p className="nb-exercise__result nb-exercise__result--pass">Passed: all {check.cases} cases are right. Saved to your progress.</p>
        ) : check && !check.passed ? (
          <p className="nb-exercise__result nb-exercise__result--fail">
            Not yet: {check.caseIndex >= 0 ? `${check.label}: ` : ''}{check.message}.
          </p>
        ) : null}
      </div>
      {visibleHints.length > 0 ? (
        <ol className="nb-exercise__hints" data-testid="exercise-hints">
          {visibleHints.map((hint, i) => <li key={i} className="nb-exercise__hint"><strong>Hint {i + 1}:</strong> {hint}</li>)}
        </ol>
      ) : null}
      {visibleHints.length < exercise.hints.length ? (
        <button type="button" className="button button--quiet" onClick={() => setHintsShown(visibleHints.length + 1)}>
          {visibleHints.length === 0 ? 'Show a hint' : 'Show the next hint'} ({visibleHints.length + 1} of {exercise.hints.length})
        </button>
      ) : null}
      <details className="nb-exercise__solution">
        <summary>Show the solution</summary>
        <pre><code>{exercise.solution}</code></pre>
        <button type="button" className="button button--quiet" onClick={() => onUseSolution(exercise.solution)}>
          Put the solution in the editor
        </button>
      </details>
    </section>
  );
}

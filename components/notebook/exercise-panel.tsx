'use client';
import type { CheckOutcome } from './cell-protocol';
import type { Exercise } from './exercises';

export interface ExercisePanelProps {
  exercise: Exercise | null;
  exerciseId: string;
  check: CheckOutcome | null;
  passedBefore: boolean;
  onUseSolution: (solution: string) => void;
}

/** Under an exercise cell: what to write, the result of the last check, a hint and the solution. */
export function ExercisePanel({ exercise, exerciseId, check, passedBefore, onUseSolution }: ExercisePanelProps) {
  if (!exercise) {
    return <p className="nb-exercise nb-exercise--fail" role="alert">This cell is bound to an exercise named “{exerciseId}”, which does not exist.</p>;
  }
  return (
    <section className="nb-exercise" aria-label={`Exercise: ${exercise.title}`} data-testid="exercise">
      <p className="nb-exercise__title">
        <strong>Exercise: {exercise.title}.</strong> Define <code>{exercise.functionName}</code> and press Run: it is checked on {exercise.cases.length} cases.
        {passedBefore && !check ? <span className="tag tag--passed"> passed before</span> : null}
      </p>
      <div aria-live="polite" data-testid="exercise-result">
        {check?.passed ? (
          <p className="nb-exercise__result nb-exercise__result--pass">Passed: all {check.cases} cases are right. Saved to your progress.</p>
        ) : check ? (
          <>
            <p className="nb-exercise__result nb-exercise__result--fail">
              Not yet: {check.caseIndex >= 0 ? `${check.label}: ` : ''}{check.message}.
            </p>
            <p className="nb-exercise__hint"><strong>Hint:</strong> {exercise.hint}</p>
          </>
        ) : null}
      </div>
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

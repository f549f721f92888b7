'use client';
import { useCallback, useEffect, useState } from 'react';
import { useProgress } from '../hooks/use-progress';
import { CodeCell } from './code-cell';
import { useCellDraft } from './use-cell-draft';
import { cellSession, type CellSession } from './cell-session';
import type { CheckOutcome } from './cell-protocol';
import { ExercisePanel } from './exercise-panel';
import { findExercise } from './exercises';

export interface RunnableCellProps {
  /** Unique on the page (the build numbers cells: cell-1, cell-2, …). */
  id: string;
  /** The lesson's slug; cells of one lesson share a scope, and exercises are saved under it. */
  lesson: string;
  /** The code as the lesson wrote it. */
  source: string;
  /** An exercise id from components/notebook/exercises.ts. */
  check?: string;
}

/**
 * A runnable cell in a lesson (made at build time from a ```ts run``` block, see
 * lib/content/runnable-cells.ts). Nothing runs until the reader presses Run.
 */
export function RunnableCell({ id, lesson, source: original, check }: RunnableCellProps) {
  // The reader's edits are kept per lesson and cell (see use-cell-draft.ts).
  const [source, setSource] = useCellDraft(lesson, id, original);
  // After hydration only: the server (and the first client render) show the code as text.
  const [session, setSession] = useState<CellSession | null>(null);
  useEffect(() => { setSession(cellSession(`lesson:${lesson}`)); }, [lesson]);
  const { progress, passExercise } = useProgress();
  const exercise = check ? findExercise(check) : null;
  const passedBefore = Boolean(check && progress.lessons[lesson]?.exercisesPassed.includes(check));
  const onCheck = useCallback((outcome: CheckOutcome) => {
    if (outcome.passed && check) passExercise(lesson, check);
  }, [check, lesson, passExercise]);
  const label = exercise ? `Exercise cell: ${exercise.title}` : `Code cell ${id.replace(/^cell-/, '')}`;

  if (!session) {
    return (
      <div className="nb-cell nb-cell--idle" data-testid="code-cell" data-cell-id={id} data-status="idle">
        <pre className="nb-cell__static"><code>{source}</code></pre>
      </div>
    );
  }
  return (
    <CodeCell
      session={session}
      cellId={id}
      label={label}
      source={source}
      onSourceChange={setSource}
      originalSource={original}
      check={check ?? null}
      onCheck={onCheck}
    >
      {check ? (result) => (
        <ExercisePanel exercise={exercise} exerciseId={check} check={result} passedBefore={passedBefore} onUseSolution={setSource} />
      ) : undefined}
    </CodeCell>
  );
}

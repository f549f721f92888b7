'use client';
/**
 * The shared body of the in-page number exercises (NumberExercise, DiscreteExercise): the reader
 * computes a number by hand or in a code cell, the page checks it against lib/'s value within a
 * relative tolerance, and a pass is recorded in the reader's course progress.
 */
import { useId, useMemo, useState } from 'react';
import { useProgress } from '@/components/hooks/use-progress';

export interface NumberQuestion {
  prompt: string;
  /** Computed by lib/, never typed in by hand. */
  answer: () => number;
  /** Relative tolerance. */
  tolerance: number;
  hint: string;
  /** Worked solution the reader may reveal. */
  solution?: string;
}

export function NumberCheck({ id: questionId, question, className = 'exercise' }: { id: string; question: NumberQuestion | undefined; className?: string }) {
  const id = useId();
  const [value, setValue] = useState('');
  const [verdict, setVerdict] = useState<'right' | 'wrong' | 'invalid' | null>(null);
  const [showSolution, setShowSolution] = useState(false);
  const { passExercise } = useProgress();
  const answer = useMemo(() => question?.answer(), [question]);
  if (!question || answer === undefined) return <p className="callout callout--warning">Unknown exercise “{questionId}”.</p>;
  const check = (event: React.FormEvent) => {
    event.preventDefault();
    const v = Number(value.replace(',', '.'));
    if (value.trim() === '' || !Number.isFinite(v)) return setVerdict('invalid');
    const ok = Math.abs(v - answer) <= question.tolerance * Math.max(Math.abs(answer), 1e-12);
    setVerdict(ok ? 'right' : 'wrong');
    if (ok) passExercise(window.location.pathname.split('/').filter(Boolean).pop() ?? 'lesson', questionId);
  };
  return (
    <form className={`widget ${className}`} onSubmit={check} data-testid={`exercise-${questionId}`} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Exercise</h3>
      <p>{question.prompt}</p>
      <label>
        Your answer <input type="text" inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} />
      </label>{' '}
      <button type="submit" className="button">Check</button>
      <p role="status" aria-live="polite" data-testid="exercise-verdict">
        {verdict === 'right' && `Right: the library gives ${answer.toPrecision(5)}.`}
        {verdict === 'wrong' && `Not yet (within ${(question.tolerance * 100).toFixed(1)}% counts). Hint: ${question.hint}`}
        {verdict === 'invalid' && 'Please enter a number, e.g. 0.123.'}
      </p>
      {question.solution ? (
        <>
          <p>
            <button type="button" className="button button--quiet" onClick={() => setShowSolution((s) => !s)} aria-expanded={showSolution}>
              {showSolution ? 'Hide the solution' : 'Show the solution'}
            </button>
          </p>
          {showSolution ? <p data-testid="exercise-solution">{question.solution}</p> : null}
        </>
      ) : null}
    </form>
  );
}

'use client';
/**
 * Predict, then check: the reader commits to one answer before anything is revealed; then the
 * page says whether it was right and why, where in the lesson to watch it happen, and the numbers
 * the library computes for it. The first commitment is saved in the reader's progress.
 *
 * Usage in a lesson: <Predict question="cosine-snr-crossing" /> (questions: lib/exercises/predictions.ts).
 */
import { useEffect, useId, useMemo, useState } from 'react';
import { useProgress } from '@/components/hooks/use-progress';
import { findPrediction } from '@/lib/exercises/predictions';

export function Predict({ question: questionId }: { question: string }) {
  const id = useId();
  const question = findPrediction(questionId);
  const { progress, recordPrediction } = useProgress();
  const [choice, setChoice] = useState<string | null>(null);
  const [committedNow, setCommittedNow] = useState<string | null>(null);
  // The question's code arrives after the page (components/mdx/prose-lazy.tsx): say when it answers.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  const saved = question ? progress.lessons[question.lesson]?.predictions[question.id] : undefined;
  const committed = committedNow ?? saved?.choice ?? null;
  const revealed = useMemo(() => (committed && question?.reveal ? question.reveal() : []), [committed, question]);
  if (!question) return <p className="callout callout--warning" role="alert">Unknown prediction question “{questionId}”.</p>;

  const commit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!choice) return;
    setCommittedNow(choice);
    recordPrediction(question.lesson, question.id, { choice, right: choice === question.answer });
  };
  const right = committed === question.answer;
  const answerLabel = question.options.find((o) => o.id === question.answer)?.label;

  return (
    <form className="widget predict" onSubmit={commit} data-testid={`predict-${question.id}`} data-ready={ready ? 'true' : 'false'} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Predict, then check</h3>
      <fieldset disabled={committed !== null}>
        <legend>{question.prompt}</legend>
        {question.options.map((option) => (
          <label key={option.id} className="predict__option">
            <input
              type="radio"
              name={`${id}-choice`}
              value={option.id}
              checked={(committed ?? choice) === option.id}
              onChange={() => setChoice(option.id)}
            />{' '}
            {option.label}
          </label>
        ))}
      </fieldset>
      {committed === null ? (
        <p>
          <button type="submit" className="button" disabled={!choice}>Commit my prediction</button>{' '}
          <span className="predict__note">{choice ? 'The answer is revealed once you commit.' : 'Pick one answer first.'}</span>
        </p>
      ) : (
        <div role="status" aria-live="polite" data-testid="predict-verdict">
          <p className={right ? 'predict__verdict predict__verdict--right' : 'predict__verdict predict__verdict--wrong'}>
            {right ? 'Right.' : `Not quite: the answer is “${answerLabel}”`}
          </p>
          <p>{question.explanation}</p>
          <p><strong>See it in:</strong> {question.seeItIn}.</p>
          {revealed.length > 0 ? (
            <table className="predict__numbers" data-testid="predict-numbers">
              <caption>Computed now by Marble&apos;s library</caption>
              <tbody>
                {revealed.map((row) => <tr key={row.label}><th scope="row">{row.label}</th><td>{row.value}</td></tr>)}
              </tbody>
            </table>
          ) : null}
        </div>
      )}
    </form>
  );
}

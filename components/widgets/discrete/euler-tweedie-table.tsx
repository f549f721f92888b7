'use client';
/**
 * Shared by the two Euler-vs-Tweedie widgets of lesson 08 (exact toy score, and the known-language
 * model's learned score): the noise-schedule choice and the table with a row per step count and a
 * column per sampler, filled in as the worker reports each cell.
 */
import type { ReactNode } from 'react';

export const SAMPLERS = ['euler', 'tweedie'] as const;
export type SamplerName = (typeof SAMPLERS)[number];

export function ScheduleSelect<S extends string>({ value, onChange, disabled, testId, logLinearNote }: {
  value: S;
  onChange: (schedule: S) => void;
  disabled: boolean;
  testId: string;
  /** What log-linear means in this widget, in brackets after its name. */
  logLinearNote: string;
}) {
  return (
    <label>
      Noise schedule
      <select value={value} onChange={(e) => onChange(e.target.value as S)} disabled={disabled} data-testid={testId}>
        <option value="geometric">geometric (σ from 1e-4 to 20)</option>
        <option value="log-linear">log-linear ({logLinearNote})</option>
      </select>
    </label>
  );
}

export function EulerTweedieTable<R extends { sampler: string; steps: number }>({ steps, rows, running, testId, cellTestId, caption, show, data }: {
  steps: readonly number[];
  /** The cells reported so far. */
  rows: readonly R[];
  running: boolean;
  testId: string;
  cellTestId: (sampler: SamplerName, steps: number) => string;
  caption: ReactNode;
  /** A finished cell's text. */
  show: (row: R) => ReactNode;
  /** Extra data attributes of a cell, for the tests. */
  data?: (row: R | undefined) => Record<`data-${string}`, string | number | undefined>;
}) {
  return (
    <table className="data-table discrete-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead><tr><th scope="col">steps</th><th scope="col">Euler</th><th scope="col">Tweedie</th></tr></thead>
      <tbody>
        {steps.map((s) => (
          <tr key={s}>
            <th scope="row">{s}</th>
            {SAMPLERS.map((sampler) => {
              const row = rows.find((r) => r.sampler === sampler && r.steps === s);
              return (
                <td key={sampler} data-testid={cellTestId(sampler, s)} {...data?.(row)}>
                  {row ? show(row) : running ? '…' : '—'}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

'use client';
/** The "Data set" choice of the 2D Gaussian widgets: one of the toy distributions. */
import { TOY_2D_NAMES, type Toy2dName } from '@/lib/data/toy-2d';

export function DatasetSelect({ value, onChange, disabled, testId }: { value: Toy2dName; onChange: (dataset: Toy2dName) => void; disabled?: boolean; testId?: string }) {
  return (
    <label>
      Data set{' '}
      <select value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as Toy2dName)} data-testid={testId}>
        {TOY_2D_NAMES.map((name) => <option key={name} value={name}>{name}</option>)}
      </select>
    </label>
  );
}

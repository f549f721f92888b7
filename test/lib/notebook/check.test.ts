import { describe, expect, it } from 'vitest';
import { describeMismatch, runCases } from '@/lib/notebook/check';

describe('exercise checks', () => {
  it('numbers match within the tolerance and differences name the place', () => {
    expect(describeMismatch(0.1 + 0.2, 0.3)).toBeNull();
    expect(describeMismatch([1, 2, 3.5], [1, 2, 3])).toBe('at [2]: expected 3, got 3.5');
    expect(describeMismatch(new Float32Array([0.5, 0.25]), [0.5, 0.25])).toBeNull();
    expect(describeMismatch({ a: { b: [1, 2] } }, { a: { b: [1] } })).toBe('at a.b: expected 1 items, got 2');
    expect(describeMismatch({ a: 1 }, { a: 1, b: 2 })).toBe('missing the key "b"');
    expect(describeMismatch('cat', 'dog')).toBe('expected "dog", got "cat"');
    expect(describeMismatch(NaN, NaN)).toBeNull();
  });

  it('the solution passes and wrong code fails with the failing case', async () => {
    const cases = [
      { args: [[1, 2, 3]] as [number[]], expected: 2 },
      { args: [[5]] as [number[]], expected: 5, label: 'a single value' },
    ];
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(await runCases(mean, cases)).toEqual({ passed: true, cases: 2 });
    const wrong = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / 3;
    expect(await runCases(wrong, cases)).toEqual({ passed: false, caseIndex: 1, label: 'a single value', message: 'expected 5, got 1.6666666666666667' });
  });

  it('a throwing or async function is handled', async () => {
    const throws = () => { throw new RangeError('bad'); };
    const result = await runCases(throws, [{ args: [], expected: 1 }]);
    expect(result).toMatchObject({ passed: false, caseIndex: 0, message: 'your code threw RangeError: bad' });
    expect(await runCases(async (x: number) => x * 2, [{ args: [2] as [number], expected: 4 }])).toEqual({ passed: true, cases: 1 });
  });
});

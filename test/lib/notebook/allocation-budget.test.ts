import { describe, expect, it } from 'vitest';
import { bytesAllocated, installAllocationBudget, MemoryError, TYPED_ARRAY_NAMES } from '@/lib/notebook/allocation-budget';

function fakeGlobal(): Record<string, unknown> {
  return Object.fromEntries(TYPED_ARRAY_NAMES.map((name) => [name, (globalThis as Record<string, unknown>)[name]]));
}

describe('the cell worker allocation budget', () => {
  it('counts the bytes a constructor allocates, and none for a view of an existing buffer', () => {
    expect(bytesAllocated('Float64Array', [1000], 8)).toBe(8000);
    expect(bytesAllocated('ArrayBuffer', [1000], 1)).toBe(1000);
    expect(bytesAllocated('Int16Array', [[1, 2, 3]], 2)).toBe(6);
    expect(bytesAllocated('Float32Array', [new ArrayBuffer(64), 0, 16], 4)).toBe(0);
    expect(bytesAllocated('Uint8Array', [], 1)).toBe(0);
  });

  it('throws a MemoryError once one turn allocates more than the limit, and a new turn starts from zero', () => {
    const global = fakeGlobal();
    let reset: (() => void) | null = null;
    const uninstall = installAllocationBudget(global, { limitBytes: 1_000_000, schedule: (fn) => { reset = fn; } });
    const F64 = global.Float64Array as Float64ArrayConstructor;
    for (let i = 0; i < 12; i++) new F64(10_000); // 960,000 bytes
    expect(() => new F64(10_000)).toThrow(MemoryError);
    expect(() => new F64(1)).toThrow(/allocated more than 0\.0 GB of arrays without pausing/);
    reset!();
    expect(new F64(10_000).length).toBe(10_000);
    // Float64Array.from goes through the wrapped constructor too
    const U8 = global.Uint8Array as Uint8ArrayConstructor;
    reset!();
    expect(() => { for (let i = 0; i < 20; i++) U8.from(new Array(60_000).fill(1)); }).toThrow(MemoryError);
    uninstall();
    expect(global.Float64Array).toBe(Float64Array);
  });

  it('keeps instanceof and statics working for arrays made before and after', () => {
    const before = new Float32Array(4);
    const global = fakeGlobal();
    const uninstall = installAllocationBudget(global, { limitBytes: 1_000_000 });
    const F32 = global.Float32Array as Float32ArrayConstructor;
    const after = new F32(4);
    expect(before instanceof F32).toBe(true);
    expect(after instanceof Float32Array).toBe(true);
    expect(F32.BYTES_PER_ELEMENT).toBe(4);
    expect(after.map((v) => v + 1)).toEqual(new Float32Array([1, 1, 1, 1]));
    uninstall();
  });

  it('does not stop code that awaits between allocations (the timer resets the count each turn)', async () => {
    const global = fakeGlobal();
    const uninstall = installAllocationBudget(global, { limitBytes: 1_000_000 });
    const F64 = global.Float64Array as Float64ArrayConstructor;
    for (let i = 0; i < 10; i++) {
      new F64(100_000); // 800 KB a turn, 8 MB in all
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    expect(() => { for (let i = 0; i < 2; i++) new F64(100_000); }).toThrow(MemoryError);
    uninstall();
  });
});

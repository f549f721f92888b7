import { describe, expect, it } from 'vitest';
import { canvasForStep, validateCanvasSchedule, type CanvasSchedule } from '@/lib/training/canvas';

const schedule: CanvasSchedule = { baseLen: 64, longEvery: 4, minLong: 96, maxLong: 320, longStride: 32, longTokens: 1024 };

describe('canvas lengths of training steps', () => {
  it('keeps every step at the base canvas without a schedule, or with longEvery 0', () => {
    expect(canvasForStep(undefined, 16, 64, 1, 3)).toEqual({ seqLen: 64, batchSize: 16 });
    expect(canvasForStep({ ...schedule, longEvery: 0 }, 16, 64, 1, 3)).toEqual({ seqLen: 64, batchSize: 16 });
  });

  it('makes every fourth step long, from the allowed lengths, with about the same tokens', () => {
    const seen = new Set<number>();
    for (let step = 0; step < 400; step++) {
      const c = canvasForStep(schedule, 16, 64, 1000, step);
      if (step % 4 !== 3) {
        expect(c).toEqual({ seqLen: 64, batchSize: 16 });
        continue;
      }
      expect(c.seqLen).toBeGreaterThanOrEqual(96);
      expect(c.seqLen).toBeLessThanOrEqual(320);
      expect(c.seqLen % 32).toBe(0);
      expect(c.batchSize).toBe(Math.floor(1024 / c.seqLen));
      seen.add(c.seqLen);
    }
    // 8 lengths (96, 128, ..., 320) over 100 long steps: all of them turn up.
    expect([...seen].sort((a, b) => a - b)).toEqual([96, 128, 160, 192, 224, 256, 288, 320]);
    // A pure function of (seed, step): a resumed run sees the same canvases.
    expect(canvasForStep(schedule, 16, 64, 1000, 7)).toEqual(canvasForStep(schedule, 16, 64, 1000, 7));
  });

  it('refuses schedules the model or the block size cannot take', () => {
    expect(() => validateCanvasSchedule(schedule, 320)).not.toThrow();
    expect(() => validateCanvasSchedule(schedule, 256)).toThrow(/canvas lengths up to 320 exceed the model's maxLen 256/);
    expect(() => validateCanvasSchedule({ ...schedule, minLong: 400 }, 512)).toThrow(/minLong \(400\) must be <= canvas.maxLong \(320\)/);
    expect(() => validateCanvasSchedule({ ...schedule, longStride: 12 }, 320, 8)).toThrow(/longStride \(12\) must be a multiple of the block size 8/);
    expect(() => validateCanvasSchedule({ ...schedule, longEvery: -1 }, 320)).toThrow(/longEvery must be a non-negative integer/);
  });
});

import { describe, expect, it } from 'vitest';
import { EMPTY_PROGRESS, markExercisePassed, markPrediction, markVisited, parseProgress, visitedCount } from '@/lib/progress/progress';

describe('course progress', () => {
  it('records a visit once, keeping the first time', () => {
    const once = markVisited(EMPTY_PROGRESS, 'welcome', 100);
    const twice = markVisited(once, 'welcome', 200);
    expect(twice).toBe(once);
    expect(twice.lessons.welcome.visitedAt).toBe(100);
    expect(visitedCount(twice)).toBe(1);
  });

  it('records each passed exercise once, visiting the lesson if needed', () => {
    let p = markExercisePassed(EMPTY_PROGRESS, 'ddpm', 'loss', 5);
    p = markExercisePassed(p, 'ddpm', 'loss', 6);
    p = markExercisePassed(p, 'ddpm', 'sampler', 7);
    expect(p.lessons.ddpm).toEqual({ visitedAt: 5, exercisesPassed: ['loss', 'sampler'], predictions: {} });
  });

  it('survives a round trip through storage', () => {
    const p = markExercisePassed(markVisited(EMPTY_PROGRESS, 'welcome', 1), 'welcome', 'x', 2);
    expect(parseProgress(JSON.stringify(p))).toEqual(p);
  });

  it('treats malformed storage as no progress instead of failing', () => {
    for (const raw of [null, '', '{', '[]', '{"version":2,"lessons":{}}', '{"version":1,"lessons":null}']) {
      expect(parseProgress(raw)).toEqual(EMPTY_PROGRESS);
    }
    const partly = parseProgress('{"version":1,"lessons":{"a":{"visitedAt":1,"exercisesPassed":["e",3]},"b":{"visitedAt":"x"}}}');
    expect(partly.lessons).toEqual({ a: { visitedAt: 1, exercisesPassed: ['e'], predictions: {} } });
    const badPrediction = parseProgress('{"version":1,"lessons":{"a":{"visitedAt":1,"exercisesPassed":[],"predictions":{"p":{"choice":"x","right":true},"q":{"choice":3}}}}}');
    expect(badPrediction.lessons.a.predictions).toEqual({ p: { choice: 'x', right: true } });
  });

  it('records the first committed prediction of each question, and keeps it through storage', () => {
    let p = markPrediction(EMPTY_PROGRESS, 'noise', 'cosine-snr-crossing', { choice: 'late', right: false }, 9);
    p = markPrediction(p, 'noise', 'cosine-snr-crossing', { choice: 'middle', right: true }, 10);
    expect(p.lessons.noise).toEqual({ visitedAt: 9, exercisesPassed: [], predictions: { 'cosine-snr-crossing': { choice: 'late', right: false } } });
    expect(parseProgress(JSON.stringify(p))).toEqual(p);
  });
});

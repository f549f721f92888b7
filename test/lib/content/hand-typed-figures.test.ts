import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHandTypedFigures } from '@/lib/content/hand-typed-figures';

describe('hand-typed model and benchmark figures', () => {
  it('flags a typed accuracy or speed-up and names its line', () => {
    const found = findHandTypedFigures('Intro.\n\nIts held-out task accuracy is about 3%, poor.\nThe best method runs 2.4x faster than AR. Fine.\n');
    expect(found.map((f) => f.line)).toEqual([3, 4]);
    expect(found[0].sentence).toContain('about 3%');
    expect(found[1].sentence).toBe('The best method runs 2.4x faster than AR.');
  });

  it('lets through rendered facts, code, papers\' numbers and sentences without a figure', () => {
    const ok = [
      'Its task accuracy is <Measured fact="model.mdlm.taskAccuracy" />.',
      '```ts\nconst accuracy = 0.5; // 50%\n```',
      'The Fast-dLLM paper reports an 8.1x speed-up at length 256.',
      'Diffusion can be faster, as we will measure.',
      'A 512×512 image has 786,432 numbers.',
    ];
    for (const text of ok) expect(findHandTypedFigures(text), text).toEqual([]);
  });

  it('no lesson types a model or benchmark figure by hand (use <Measured fact="..."/>)', () => {
    const dir = path.join(process.cwd(), 'content', 'lessons');
    const failures = readdirSync(dir).filter((f) => f.endsWith('.mdx')).sort().flatMap((file) =>
      findHandTypedFigures(readFileSync(path.join(dir, file), 'utf8')).map((f) => `${file}:${f.line}: ${f.sentence}`));
    expect(failures).toEqual([]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findCodeExercise } from '@/lib/exercises/code-exercises';
import { findPrediction } from '@/lib/exercises/predictions';

const dir = path.join(process.cwd(), 'content', 'lessons');
const lessons = readdirSync(dir).filter((f) => f.endsWith('.mdx')).sort()
  .map((file) => ({ file, slug: file.replace(/^\d+-|\.mdx$/g, ''), text: readFileSync(path.join(dir, file), 'utf8') }));

describe('exercises in the lessons', () => {
  it('every Predict names a known question of its own lesson', () => {
    for (const { file, slug, text } of lessons) {
      for (const m of text.matchAll(/<Predict\s+question="([^"]+)"/g)) {
        expect(findPrediction(m[1])?.lesson, `${file}: ${m[1]}`).toBe(slug);
      }
    }
  });

  it('every lesson 00-09 has a code exercise of its own and a prediction, and binds each code exercise once', () => {
    const early = lessons.filter((l) => Number(l.file.slice(0, 2)) <= 9);
    expect(early.length).toBe(10);
    for (const { file, slug, text } of early) {
      const checks = [...text.matchAll(/^```ts run[^\n]*check=([\w-]+)/gm)].map((m) => m[1]);
      expect(checks.filter((id) => findCodeExercise(id)?.lesson === slug).length, file).toBeGreaterThanOrEqual(1);
      expect(new Set(checks).size, file).toBe(checks.length);
      expect((text.match(/<Predict\s/g) ?? []).length, file).toBeGreaterThanOrEqual(1);
    }
  });
});

import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { blankScopeImports } from '@/lib/notebook/cell-imports';
import { runCell } from '@/lib/notebook/cell-scope';
import { createDisplayApi } from '@/components/notebook/cell-display-api';
import type { CellOutput } from '@/components/notebook/cell-protocol';
import { findExercise } from '@/components/notebook/exercises';
import { createMarbleModule } from '@/components/notebook/marble-module';
import { parseRunMeta } from '@/lib/content/runnable-cells';
import { useNodeBackend } from '@/test/support/tf-node';

beforeAll(async () => { await useNodeBackend('wasm'); });

const fromPublic = async (url: string) => {
  const bytes = await readFile(path.join(process.cwd(), 'public', url));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};

/** Every ```ts run block of every lesson, in page order. */
async function lessonCells(): Promise<Array<{ file: string; cells: Array<{ source: string; check: string | null }> }>> {
  const dir = path.join(process.cwd(), 'content', 'lessons');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.mdx')).sort();
  return Promise.all(files.map(async (file) => {
    const text = await readFile(path.join(dir, file), 'utf8');
    const cells = [...text.matchAll(/^```(\w+)([^\n]*)\n([\s\S]*?)^```/gm)]
      .map((m) => ({ meta: parseRunMeta(m[2]), source: m[3].replace(/\n$/, '') }))
      .filter((c) => c.meta.run)
      .map((c) => ({ source: c.source, check: c.meta.check }));
    return { file, cells };
  }));
}

describe('runnable cells in the lessons', () => {
  it('every lesson cell runs in the cell scope without an error, and every check names an exercise', async () => {
    const failures: string[] = [];
    for (const { file, cells } of await lessonCells()) {
      const outputs: CellOutput[] = [];
      const display = createDisplayApi((o) => outputs.push(o));
      const scope: Record<string, unknown> = { ...display.scope, tf, marble: createMarbleModule(fromPublic) };
      for (const [i, cell] of cells.entries()) {
        if (cell.check && !findExercise(cell.check)) failures.push(`${file} cell ${i + 1}: no exercise "${cell.check}"`);
        const result = await runCell(blankScopeImports(cell.source), scope, `cell-${i + 1}`);
        await display.flush();
        if (!result.ok) failures.push(`${file} cell ${i + 1}: ${result.error.name}: ${result.error.message} (line ${result.error.position?.line ?? '?'})`);
      }
      for (const o of outputs) if (o.kind === 'text' && o.stream === 'error') failures.push(`${file}: printed an error: ${o.text}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { runCell } from '@/lib/notebook/cell-scope';
import { createMarbleModule } from '@/components/notebook/marble-module';
import { createDisplayApi } from '@/components/notebook/cell-display-api';
import type { CellOutput } from '@/components/notebook/cell-protocol';
import { arenaSource, parseArenaLine, STARTER_RULE } from '@/components/widgets/dllm/arena-source';
import type { ArenaPoint } from '@/lib/dllm/arena/race';
import { useNodeBackend } from '@/test/support/tf-node';

const fromPublic = async (url: string) => {
  const bytes = await readFile(path.join(process.cwd(), 'public', url));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};

/** Runs the arena's cell source as the cell worker would and returns the points it printed. */
async function race(code: string, tasks: number, builtins: boolean) {
  const outputs: CellOutput[] = [];
  const display = createDisplayApi((o) => outputs.push(o));
  const scope: Record<string, unknown> = { ...display.scope, tf, marble: createMarbleModule(fromPublic) };
  const result = await runCell(arenaSource(code, tasks, builtins), scope, 'arena');
  await display.flush();
  const points = outputs.flatMap((o) => (o.kind === 'text' ? [parseArenaLine(o.text)] : [])).filter((p): p is ArenaPoint => p !== null);
  const logs = outputs.filter((o) => o.kind === 'text' && !parseArenaLine(o.text));
  return { result, points, logs };
}

describe('the decoder arena, run as a cell', () => {
  beforeAll(async () => { await useNodeBackend('wasm'); });

  it('the starter rule races on held-out tasks and reports a point after every task, then the built-in rules', async () => {
    const { result, points } = await race(STARTER_RULE, 2, true);
    expect(result.ok).toBe(true);
    const mine = points.filter((p) => p.name === 'your rule');
    expect(mine.map((p) => p.tasks)).toEqual([0, 1, 2, 2]);
    expect(mine.at(-1)?.done).toBe(true);
    expect(mine.at(-1)?.tokensPerPass).toBeGreaterThan(0);
    const builtins = new Set(points.filter((p) => p.name !== 'your rule').map((p) => p.name));
    expect([...builtins]).toEqual(['one per pass', 'threshold 0.9', 'threshold 0.7', 'threshold 0.5', 'factor 1', 'top-4', 'whole block']);
  });

  it('a rule that commits nothing, throws, or is missing gets a sentence, and the reader logs come through', async () => {
    const empty = await race('function chooseCommits(pass) { console.log("seen", pass.candidates.length); return []; }', 1, false);
    expect(empty.points.at(-1)?.error).toMatch(/block 0, pass 0: the rule committed nothing/);
    expect(empty.logs.length).toBeGreaterThan(0);
    const throws = await race('function chooseCommits(pass) { throw new Error("boom"); }', 1, false);
    expect(throws.points.at(-1)?.error).toMatch(/the rule threw Error: boom/);
    const missing = await race('const x = 1;', 1, false);
    expect(missing.result.ok).toBe(false);
    if (!missing.result.ok) expect(missing.result.error.message).toMatch(/pass your rule/);
  });
});

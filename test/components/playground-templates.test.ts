import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@/lib/tensor/tf';
import { runCell } from '@/lib/notebook/cell-scope';
import { createDisplayApi } from '@/components/notebook/cell-display-api';
import type { CellOutput } from '@/components/notebook/cell-protocol';
import { createMarbleModule } from '@/components/notebook/marble-module';
import { TEMPLATES } from '@/components/notebook/playground-templates';
import { useNodeBackend } from '@/test/support/tf-node';

beforeAll(async () => { await useNodeBackend('wasm'); });

// The site serves public/ at its root; in Node the model files are read from disk.
const fromPublic = async (url: string) => {
  const bytes = await readFile(path.join(process.cwd(), 'public', url));
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
};

describe('playground templates', () => {
  for (const template of TEMPLATES) {
    it(`${template.name}: every code cell runs without an error and shows something`, async () => {
      const outputs: CellOutput[] = [];
      const display = createDisplayApi((o) => outputs.push(o));
      const scope: Record<string, unknown> = { ...display.scope, tf, marble: createMarbleModule(fromPublic) };
      const code = template.cells.filter((c) => c.kind === 'code');
      for (const [i, cell] of code.entries()) {
        const result = await runCell(cell.source, scope, `cell-${i + 1}`);
        await display.flush();
        expect(result, `${template.id} cell ${i + 1}`).toEqual({ ok: true });
      }
      expect(outputs.filter((o) => o.kind === 'text' && o.stream === 'error')).toEqual([]);
      expect(outputs.length).toBeGreaterThan(0);
    }, 240_000);
  }
});

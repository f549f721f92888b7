import { describe, expect, it } from 'vitest';
import { blankScopeImports } from '@/lib/notebook/cell-imports';

describe('imports in cells', () => {
  it('blanks the tfjs namespace import, keeping the line count', () => {
    const source = "import * as tf from '@tensorflow/tfjs-core';\nconst x = tf.scalar(1);";
    expect(blankScopeImports(source)).toBe('\nconst x = tf.scalar(1);');
    expect(blankScopeImports('import * as tf from "@tensorflow/tfjs"')).toBe('');
  });

  it('leaves every other import alone, so the cell reports it', () => {
    for (const line of ["import { tensor } from '@tensorflow/tfjs';", "import * as d3 from 'd3';", "import * as tf from '@tensorflow/tfjs-node';"]) {
      expect(blankScopeImports(line)).toBe(line);
    }
  });
});

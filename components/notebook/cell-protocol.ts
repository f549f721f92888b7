/**
 * Messages between the page and the cell worker. Outputs are plain data (text, a table, a plot
 * spec, RGBA bytes), never a reader's own objects, so nothing the reader builds reaches the page.
 */
import type { CheckResult } from '@/lib/notebook/check';
import type { TableData } from '@/lib/notebook/display';
import type { RgbaImage } from '@/lib/notebook/image-data';
import type { PlotSpec } from '@/lib/notebook/plot-spec';
import type { CellError } from '@/lib/notebook/transpile';
import type { BackendName } from '@/lib/tensor/backends';
import type { BackendChoice } from '@/lib/tensor/ensure-backend';

export type CellOutput =
  | { kind: 'text'; stream: 'log' | 'warn' | 'error' | 'show'; text: string }
  | { kind: 'table'; table: TableData }
  | { kind: 'plot'; plot: PlotSpec }
  | { kind: 'image'; image: RgbaImage; label: string }
  | { kind: 'note'; text: string };

export type ToCellWorker =
  | { type: 'init'; backend: BackendName | null; measure?: boolean; wasmPath: string }
  | { type: 'run'; runId: number; cellId: string; source: string; check: string | null };

export type CheckOutcome = CheckResult | { passed: false; caseIndex: -1; label: 'setup'; message: string };

export type FromCellWorker =
  | { type: 'ready'; backend: string; choice: BackendChoice }
  | { type: 'init-error'; message: string }
  | { type: 'output'; runId: number; output: CellOutput }
  | { type: 'done'; runId: number; error: CellError | null; check: CheckOutcome | null; ms: number };

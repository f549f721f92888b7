/**
 * The display functions a cell sees (`show`, `plot`, `table`, `image`, `console`), built inside the
 * cell worker. Each turns the reader's value into plain output data and hands it to `emit` in call
 * order; tensors are read with `await t.data()` first, so every call returns a promise the runtime
 * awaits (via `flush`) before it reports the cell done. Bounded: after MAX_OUTPUTS outputs or
 * MAX_TEXT_CHARS characters in one run, the rest is dropped with one note.
 */
import * as tf from '@/lib/tensor/tf';
import { formatLogArgs, formatValue, normalizeTable, type TensorLike } from '@/lib/notebook/display';
import { tensorToRgba } from '@/lib/notebook/image-data';
import { normalizePlot, type PlotOptions } from '@/lib/notebook/plot-spec';
import type { CellOutput } from './cell-protocol';

export const MAX_OUTPUTS = 200;
export const MAX_TEXT_CHARS = 100_000;

async function readTensor(value: unknown): Promise<unknown> {
  if (!(value instanceof tf.Tensor)) return value;
  if (value.isDisposed) return `Tensor shape=[${value.shape.join(', ')}] dtype=${value.dtype} (disposed)`;
  const values = await value.data();
  return { shape: value.shape, dtype: value.dtype, values } satisfies TensorLike;
}

/** Top-level tensors, and tensors one level inside arrays and plain objects, with values read. */
async function readTensors(value: unknown): Promise<unknown> {
  if (value instanceof tf.Tensor) return readTensor(value);
  if (Array.isArray(value) && value.some((v) => v instanceof tf.Tensor)) return Promise.all(value.map(readTensor));
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const entries = Object.entries(value);
    if (entries.some(([, v]) => v instanceof tf.Tensor)) {
      return Object.fromEntries(await Promise.all(entries.map(async ([k, v]) => [k, await readTensor(v)] as const)));
    }
  }
  return value;
}

export interface DisplayApi {
  scope: {
    show: (...values: unknown[]) => Promise<void>;
    plot: (data: unknown, options?: PlotOptions) => Promise<void>;
    table: (rows: unknown) => Promise<void>;
    image: (tensor: unknown, label?: string) => Promise<void>;
    console: Pick<Console, 'log' | 'info' | 'debug' | 'warn' | 'error' | 'table'>;
  };
  /** Starts a new run's budget. */
  reset(): void;
  /** Resolves when every output asked for so far has been emitted. */
  flush(): Promise<void>;
}

export function createDisplayApi(emit: (output: CellOutput) => void): DisplayApi {
  let chain: Promise<void> = Promise.resolve();
  let count = 0;
  let chars = 0;
  let truncated = false;

  const send = (output: CellOutput) => {
    if (truncated) return;
    const size = output.kind === 'text' || output.kind === 'note' ? output.text.length : 200;
    if (count >= MAX_OUTPUTS || chars + size > MAX_TEXT_CHARS) {
      truncated = true;
      emit({ kind: 'note', text: `Output truncated: a cell shows at most ${MAX_OUTPUTS} outputs and ${MAX_TEXT_CHARS / 1000}k characters per run.` });
      return;
    }
    count++;
    chars += size;
    emit(output);
  };

  /** Queues work in call order; a failure shows as an error line instead of breaking the cell. */
  const enqueue = (make: () => Promise<CellOutput | null>): Promise<void> => {
    const next = chain.then(make).then(
      (output) => { if (output) send(output); },
      (e: unknown) => send({ kind: 'text', stream: 'error', text: e instanceof Error ? e.message : String(e) }),
    );
    chain = next;
    return next;
  };

  const log = (stream: 'log' | 'warn' | 'error') => (...args: unknown[]) => {
    void enqueue(async () => ({ kind: 'text', stream, text: formatLogArgs(await Promise.all(args.map(readTensors))) }));
  };
  const table = (rows: unknown) => enqueue(async () => ({ kind: 'table', table: normalizeTable(await readTensors(rows)) }));

  return {
    scope: {
      show: (...values) => enqueue(async () => {
        const read = await Promise.all(values.map(readTensors));
        return { kind: 'text', stream: 'show', text: read.map((v) => formatValue(v)).join('\n') };
      }),
      // plot({ points: tensor }) and plot({ x, y: tensor }) work too: readTensors goes one level in.
      plot: (data, options = {}) => enqueue(async () => ({ kind: 'plot', plot: normalizePlot(await readTensors(data), options) })),
      table,
      image: (tensor, label) => enqueue(async () => {
        const plain = await readTensor(tensor);
        if (typeof plain !== 'object' || plain === null || !('shape' in plain)) throw new Error('image: expected a tensor, e.g. image(tf.randomUniform([28, 28]))');
        const shape = (plain as TensorLike).shape;
        return { kind: 'image', image: tensorToRgba(plain as TensorLike), label: typeof label === 'string' ? label.slice(0, 120) : `image ${shape.join(' x ')}` };
      }),
      console: { log: log('log'), info: log('log'), debug: log('log'), warn: log('warn'), error: log('error'), table: (rows: unknown) => { void table(rows); } },
    },
    reset() {
      count = 0;
      chars = 0;
      truncated = false;
    },
    flush: () => chain,
  };
}

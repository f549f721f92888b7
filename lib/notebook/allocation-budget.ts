/**
 * A cell worker's own memory guard. A cell that keeps allocating inside one synchronous loop never
 * yields, so nothing outside the worker can measure it in time (the page's guard asks the browser,
 * which answered only after the tab had grown by gigabytes). Inside the worker, every ArrayBuffer
 * and typed array goes through a constructor, so those constructors are wrapped: the bytes they
 * allocate are summed over one turn of the event loop (reset by a timer, which only runs once the
 * cell yields), and past the limit the next allocation throws a MemoryError instead of taking the
 * tab down.
 *
 * What it does not see: plain JS arrays and objects, and wasm memory (tfjs); the page's guard
 * (components/notebook/memory-guard.ts) still watches those where the browser can measure.
 * What it may stop by mistake: code that makes and drops more than the limit of arrays in one turn
 * without ever awaiting; the message says so, and an `await` in the loop resets the count.
 */
export const TURN_ALLOCATION_LIMIT_BYTES = 1024 ** 3;

export const TYPED_ARRAY_NAMES = [
  'ArrayBuffer', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
] as const;

export class MemoryError extends Error {
  constructor(limitBytes: number) {
    super(`the cell was stopped because it allocated more than ${(limitBytes / 1024 ** 3).toFixed(1)} GB of arrays without pausing (an await resets the count), before the browser tab ran out of memory. The runtime restarted: variables from earlier cells are gone; your code is unchanged.`);
    this.name = 'MemoryError';
  }
}

type Constructor = new (...args: unknown[]) => object;

/** Bytes a constructor call allocates: a length, or a copy of an array-like or iterable; a view of an existing buffer allocates none. */
export function bytesAllocated(name: string, args: unknown[], bytesPerElement: number): number {
  const first = args[0];
  if (typeof first === 'number') return Math.max(0, first) * (name === 'ArrayBuffer' ? 1 : bytesPerElement);
  if (first === undefined || first === null || typeof first !== 'object') return 0;
  if (first instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && first instanceof SharedArrayBuffer)) return 0;
  const length = (first as { length?: unknown }).length;
  return typeof length === 'number' ? length * bytesPerElement : 0;
}

/**
 * Wraps the typed-array constructors of `global` (with Proxies, so `instanceof` and statics keep
 * working for arrays made before). `schedule` runs its callback after the current turn.
 */
export function installAllocationBudget(
  global: Record<string, unknown>,
  { limitBytes = TURN_ALLOCATION_LIMIT_BYTES, schedule = (fn: () => void) => { setTimeout(fn, 0); } } = {},
): () => void {
  let spent = 0;
  let armed = false;
  const charge = (bytes: number) => {
    if (bytes <= 0) return;
    if (!armed) {
      armed = true;
      schedule(() => { spent = 0; armed = false; });
    }
    spent += bytes;
    if (spent > limitBytes) throw new MemoryError(limitBytes);
  };
  const originals: [string, unknown][] = [];
  for (const name of TYPED_ARRAY_NAMES) {
    const Original = global[name] as (Constructor & { BYTES_PER_ELEMENT?: number }) | undefined;
    if (typeof Original !== 'function') continue;
    originals.push([name, Original]);
    const perElement = Original.BYTES_PER_ELEMENT ?? 1;
    global[name] = new Proxy(Original, {
      construct(target, args, newTarget) {
        charge(bytesAllocated(name, args, perElement));
        return Reflect.construct(target, args, newTarget === global[name] ? target : newTarget);
      },
    });
  }
  return () => { for (const [name, Original] of originals) global[name] = Original; };
}

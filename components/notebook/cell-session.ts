/**
 * One notebook session per page: the cells of a lesson (or of one playground notebook) share a
 * runtime, hence a scope, and "Run all" runs them in page order. Switching to another lesson or
 * notebook ends the old session, so one page's variables never leak into the next.
 */
import { CellRuntime, type RunResult } from './cell-runtime';

export interface RegisteredCell {
  /** Runs the cell as if its Run button were pressed; resolves when it has finished. */
  run: () => Promise<RunResult>;
  /** Its element, to sort cells in page order. */
  element: () => HTMLElement | null;
}

export class CellSession {
  readonly runtime = new CellRuntime();
  private readonly cells = new Map<string, RegisteredCell>();
  private readonly listeners = new Set<() => void>();
  /** Bumped on each stop: cells show that earlier results came from a scope that is gone. */
  restarts = 0;
  runningAll = false;

  constructor(readonly key: string) {
    this.runtime.onMemoryStop = () => { this.restarts++; this.changed(); };
  }

  register(id: string, cell: RegisteredCell): () => void {
    this.cells.set(id, cell);
    return () => { if (this.cells.get(id) === cell) this.cells.delete(id); };
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** Cells in the order they appear on the page. */
  orderedCells(): RegisteredCell[] {
    return [...this.cells.values()].sort((a, b) => {
      const ea = a.element();
      const eb = b.element();
      if (!ea || !eb) return 0;
      return ea.compareDocumentPosition(eb) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
  }

  /** Runs every cell in page order, stopping at the first that fails or is stopped. */
  async runAll(): Promise<void> {
    if (this.runningAll) return;
    this.runningAll = true;
    this.changed();
    try {
      for (const cell of this.orderedCells()) {
        const result = await cell.run();
        if (result.status !== 'done') break;
      }
    } finally {
      this.runningAll = false;
      this.changed();
    }
  }

  stop(): void {
    this.runtime.stop();
    this.restarts++;
    this.changed();
  }

  dispose(): void {
    this.runtime.dispose();
    this.cells.clear();
  }
}

let current: CellSession | null = null;

/** The session for `key` (a lesson slug, or "playground:" + notebook id), ending any other. */
export function cellSession(key: string): CellSession {
  if (current?.key !== key) {
    current?.dispose();
    current = new CellSession(key);
  }
  return current;
}

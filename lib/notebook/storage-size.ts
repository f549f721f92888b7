/**
 * Size accounting for saved notebooks: about how many bytes each takes in the browser's storage
 * (UTF-16 text is what IndexedDB keeps for strings: 2 bytes a character), cheap enough to run
 * after every edit of a multi-megabyte notebook (it sums lengths, it never serialises).
 */
import type { Notebook } from './notebook';

const PER_CELL_OVERHEAD = 64;
const PER_NOTEBOOK_OVERHEAD = 256;

export function notebookBytes(notebook: Notebook): number {
  let chars = notebook.name.length + notebook.id.length;
  for (const cell of notebook.cells) chars += cell.source.length + cell.id.length;
  return 2 * chars + PER_CELL_OVERHEAD * notebook.cells.length + PER_NOTEBOOK_OVERHEAD;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

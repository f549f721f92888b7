/**
 * Notebooks in and out of files, in the browser: download an export through a Blob link, and
 * read a chosen .ipynb or .ts file into a notebook (lib/notebook/ipynb.ts validates it).
 */
import type { ImportResult } from '@/lib/notebook/ipynb';
import type { Notebook } from '@/lib/notebook/notebook';

// The file formats load on first use, keeping them out of the playground's first load.
const formats = () => import('@/lib/notebook/ipynb');

/** Files larger than this are not notebooks a reader wrote (and reading them would only hang). */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export function fileBaseName(name: string): string {
  return name.trim().replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'notebook';
}

export async function downloadNotebook(notebook: Notebook, format: 'ipynb' | 'ts'): Promise<void> {
  const { notebookToTypeScript, serializeIpynb } = await formats();
  const text = format === 'ipynb' ? serializeIpynb(notebook) : notebookToTypeScript(notebook);
  const type = format === 'ipynb' ? 'application/x-ipynb+json' : 'text/typescript';
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${fileBaseName(notebook.name)}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Reads a chosen file; throws an Error with a message for the reader when it cannot be imported. */
export async function importNotebookFile(file: File, id: string, now: string): Promise<ImportResult> {
  const lower = file.name.toLowerCase();
  const isIpynb = lower.endsWith('.ipynb');
  if (!isIpynb && !lower.endsWith('.ts')) throw new Error(`“${file.name}” is not a notebook file: choose an .ipynb or a .ts file.`);
  if (file.size > MAX_IMPORT_BYTES) throw new Error(`“${file.name}” is too large to import (${Math.ceil(file.size / 1024 / 1024)} MB; the limit is 5 MB).`);
  const [{ importIpynb, importTypeScript }, text] = await Promise.all([formats(), file.text()]);
  const fallbackName = file.name.replace(/\.(ipynb|ts)$/i, '') || 'Imported notebook';
  const context = { id, now, fallbackName };
  return isIpynb ? importIpynb(text, context) : importTypeScript(text, context);
}

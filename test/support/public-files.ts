/** Tests' stand-in for the worker's I/O: public/ served from disk, and a job driven to its end. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { JobContext } from '@/lib/runtime/protocol';

/** Reads a site URL (/models/...) from public/, as the worker's fetchBytes serves the site. */
export async function fetchFromPublic(url: string): Promise<ArrayBuffer> {
  const file = await readFile(path.resolve('public', url.replace(/^\//, '')));
  return file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer;
}

export const publicContext: JobContext = { fetchBytes: fetchFromPublic };

/** Runs a job (any async generator) to its end, handing each progress value to onYield; returns its result. */
export async function drain<Y, R>(gen: AsyncGenerator<Y, R, void>, onYield?: (y: Y) => void): Promise<R> {
  for (;;) {
    const r = await gen.next();
    if (r.done) return r.value;
    onYield?.(r.value);
  }
}

/** Runs a job to its end and keeps every progress value too. */
export async function drainAll<Y, R>(gen: AsyncGenerator<Y, R, void>): Promise<{ progress: Y[]; result: R }> {
  const progress: Y[] = [];
  const result = await drain(gen, (y) => progress.push(y));
  return { progress, result };
}

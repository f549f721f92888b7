/** What the lessons' worker jobs need from the worker: the site's files. */
export type JobFiles = { fetchBytes(url: string): Promise<ArrayBuffer> };

/** Drives a decoder to the end, yielding each mapped step; `finally` frees the decoder's tensors on cancel. */
export async function* driveDecoder<S, R, P>(decoder: AsyncGenerator<S, R, void>, map: (step: S) => P): AsyncGenerator<P, R, void> {
  try {
    for (;;) {
      const next = await decoder.next();
      if (next.done) return next.value;
      yield map(next.value);
    }
  } finally {
    await decoder.return(undefined as never);
  }
}

export function checkPromptText(value: unknown, job: string): string {
  if (typeof value !== 'string') throw new Error(`${job}: prompt must be a string`);
  return value;
}

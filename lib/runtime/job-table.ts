import type { Job, JobContext, JobFactory, JobTable } from './protocol';

/**
 * A table entry that imports its module only when the job is first asked for, so a worker loads
 * the code of the jobs it runs and no other. `pick` names the job function in that module; the
 * page's params are passed through unchecked, as every job validates its own.
 */
export function lazyJob<M>(load: () => Promise<M>, pick: (module: M) => (params: never, context: JobContext) => Job): JobFactory {
  return async (params, context) => pick(await load())(params as never, context);
}

/** Starts the job `name` of `table`; an unknown name fails with the list of known ones. */
export function createJob(table: JobTable, name: string, params: unknown, context: JobContext): Promise<Job> {
  const factory = Object.hasOwn(table, name) ? table[name] : undefined;
  if (!factory) throw new Error(`Unknown job "${name}"; known jobs: ${Object.keys(table).join(', ')}`);
  return factory(params, context);
}

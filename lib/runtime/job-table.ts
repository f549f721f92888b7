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

/**
 * One table from the course parts' tables. A name in two parts is an error naming both: merged with
 * spreads, the later table would silently win and a widget would run the wrong job.
 */
export function mergeJobTables(parts: Record<string, JobTable>): JobTable {
  const merged: Record<string, JobFactory> = {};
  const owner = new Map<string, string>();
  for (const [part, table] of Object.entries(parts)) {
    for (const [name, factory] of Object.entries(table)) {
      const first = owner.get(name);
      if (first !== undefined) throw new Error(`Job "${name}" is in two job tables: ${first} and ${part}`);
      owner.set(name, part);
      merged[name] = factory;
    }
  }
  return merged;
}

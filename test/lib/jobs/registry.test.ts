import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOB_TABLES, JOBS } from '@/lib/jobs/registry';
import { lazyJob, mergeJobTables } from '@/lib/runtime/job-table';
import type { JobTable } from '@/lib/runtime/protocol';

const noJob = lazyJob(async () => ({ run: async function* () {} }), (m) => m.run);

describe('the job registry', () => {
  it('has every job of every part table exactly once (no name in two tables)', () => {
    const names = Object.values(JOB_TABLES).flatMap((table) => Object.keys(table));
    expect(names.length).toBeGreaterThan(10);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(JOBS).sort()).toEqual([...names].sort());
  });

  it('lists every part table written in lib/jobs/*-jobs.ts', async () => {
    const files = readdirSync(path.resolve('lib/jobs')).filter((f) => f.endsWith('-jobs.ts'));
    expect(files.length).toBeGreaterThanOrEqual(4);
    const listed = new Set(Object.values(JOB_TABLES));
    for (const file of files) {
      const tables = Object.values(await import(`@/lib/jobs/${file.replace(/\.ts$/, '')}`)) as JobTable[];
      expect(tables.length, file).toBe(1);
      expect(listed.has(tables[0]), `${file} is not listed in JOB_TABLES`).toBe(true);
    }
  });

  it('refuses a job name that two tables share, naming both tables', () => {
    expect(() => mergeJobTables({ a: { one: noJob, shared: noJob }, b: { shared: noJob } })).toThrow('Job "shared" is in two job tables: a and b');
    expect(Object.keys(mergeJobTables({ a: { one: noJob }, b: { two: noJob } }))).toEqual(['one', 'two']);
  });
});

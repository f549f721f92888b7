/**
 * The cell worker: runs a page's notebook cells off the main thread, in one shared scope
 * (lib/notebook/cell-scope.ts), with tfjs on the page's backend, `marble`, and the display API.
 * The page stops runaway code by terminating this worker and starting a fresh one.
 * Before any reader code runs, the global is locked down (see worker-lockdown.ts), the display
 * API and `tf`/`marble` are made permanent in the scope (protectScopeNames), and the runtime's
 * message listener, added first, keeps every message to itself (docs/notebook-sandbox.md).
 */
import * as tf from '@/lib/tensor/tf';
// Readers write tfjs as in its docs (x.mul(2)); Marble's lib/ uses functions, so only cells need these.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import { ensureBackend } from '@/lib/tensor/ensure-backend';
import { runCases } from '@/lib/notebook/check';
import { protectScopeNames, runCell } from '@/lib/notebook/cell-scope';
import { blankScopeImports } from '@/lib/notebook/cell-imports';
import type { CellError } from '@/lib/notebook/transpile';
import { createDisplayApi } from './cell-display-api';
import type { CheckOutcome, FromCellWorker, ToCellWorker } from './cell-protocol';
import { findExercise } from './exercises';
import { exerciseCases } from '@/lib/exercises/cases';
import { createMarbleModule } from './marble-module';
import { lockDownWorker } from './worker-lockdown';
import { installAllocationBudget } from '@/lib/notebook/allocation-budget';
import { describeAdapter, softwareGpus, webglRenderer } from '../runtime/gpu-software';

const global = globalThis as unknown as {
  postMessage(message: FromCellWorker): void;
  addEventListener(type: string, listener: (event: Event) => void): void;
};
// Taken now, before reader code could patch them: the listener below relies on both.
const stopEvent = Function.prototype.call.bind(Event.prototype.stopImmediatePropagation) as (event: Event) => void;
const isTrusted = (event: Event): boolean => event.isTrusted;
// Kept privately: the lockdown replaces the global postMessage, so reader code cannot post.
const post = global.postMessage.bind(globalThis) as (message: FromCellWorker) => void;

// The one network path left to cells: the site's own model files, for marble.loadModel. Taken
// before the lockdown, and refusing any other address.
const siteFetch = globalThis.fetch.bind(globalThis);
const MODEL_FILE = /^\/models\/[a-z0-9-]+\/v\d+\/[A-Za-z0-9._-]+$/;
async function fetchModelFile(url: string): Promise<ArrayBuffer> {
  if (!MODEL_FILE.test(url)) throw new Error(`not a model file of this site: ${url}`);
  const response = await siteFetch(new URL(url, globalThis.location.origin));
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.arrayBuffer();
}
const marble = createMarbleModule(fetchModelFile);

let currentRun = 0;
const display = createDisplayApi((output) => post({ type: 'output', runId: currentRun, output }));
const scope: Record<string, unknown> = { ...display.scope, tf, marble };
protectScopeNames(scope, Object.keys(scope));
let ready: Promise<void> | null = null;
let queue: Promise<void> = Promise.resolve();

async function init(message: Extract<ToCellWorker, { type: 'init' }>): Promise<void> {
  try {
    // One thread for wasm: its thread pool would need nested workers, which the lockdown removes.
    const software = message.measure ? softwareGpus(await describeAdapter(), webglRenderer()) : null;
    const choice = await ensureBackend({ override: message.backend, measure: software ? { software } : undefined, wasmPath: message.wasmPath });
    const failed = lockDownWorker(globalThis);
    if (failed.length > 0) throw new Error(`could not isolate the cell worker (${failed.join(', ')})`);
    // After the backend is ready: from here on, a cell that hoards arrays in one turn is stopped here.
    installAllocationBudget(globalThis as unknown as Record<string, unknown>);
    post({ type: 'ready', backend: choice.backend, choice });
  } catch (e) {
    post({ type: 'init-error', message: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

async function run(message: Extract<ToCellWorker, { type: 'run' }>): Promise<void> {
  const started = performance.now();
  currentRun = message.runId;
  display.reset();
  let error: CellError | null = null;
  let check: CheckOutcome | null = null;
  const result = await runCell(blankScopeImports(message.source), scope, message.cellId);
  await display.flush();
  if (!result.ok) error = result.error;
  else if (message.check) {
    const exercise = findExercise(message.check);
    if (!exercise) check = { passed: false, caseIndex: -1, label: 'setup', message: `no exercise named "${message.check}" exists` };
    else if (typeof scope[exercise.functionName] !== 'function') {
      check = { passed: false, caseIndex: -1, label: 'setup', message: `define a function named ${exercise.functionName} at the top level of the cell` };
    } else {
      const built = exerciseCases(exercise.id);
      if (!built) check = { passed: false, caseIndex: -1, label: 'setup', message: `the exercise "${exercise.id}" has no cases` };
      else {
        const { cases, compare } = await built;
        check = await runCases(scope[exercise.functionName] as (...args: unknown[]) => unknown, cases, compare);
      }
    }
  }
  post({ type: 'done', runId: message.runId, error, check, ms: performance.now() - started });
}

// Errors from code the reader left running (a timer, an unawaited promise) land in the current cell.
global.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  stopEvent(event);
  post({ type: 'output', runId: currentRun, output: { kind: 'text', stream: 'error', text: `Uncaught (in promise) ${describe((event as PromiseRejectionEvent).reason)}` } });
});
global.addEventListener('error', (event) => {
  event.preventDefault();
  stopEvent(event);
  post({ type: 'output', runId: currentRun, output: { kind: 'text', stream: 'error', text: `Uncaught ${(event as ErrorEvent).message}` } });
});

// Added before any reader code runs, so it is the first listener: it stops each message here, so a
// listener a cell adds later never sees another cell's code, and it ignores messages a cell fakes.
global.addEventListener('message', (event) => {
  stopEvent(event);
  if (!isTrusted(event)) return;
  const message = (event as MessageEvent<ToCellWorker>).data;
  if (message.type === 'init') {
    ready ??= init(message);
    return;
  }
  if (message.type === 'run') {
    // One cell at a time, in the order they were asked for.
    queue = queue.then(async () => {
      try {
        await ready;
      } catch {
        return; // init-error was already reported
      }
      try {
        await run(message);
      } catch (e) {
        post({ type: 'done', runId: message.runId, error: { name: 'RuntimeError', message: describe(e), position: null }, check: null, ms: 0 });
      }
    });
  }
});

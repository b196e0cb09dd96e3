/**
 * `calling-cycle/parallel`: `evaluate` and `evaluateColumns` split by contact over
 * `worker_threads`. Node only (the core entry stays usable in a browser), hence an import point of
 * its own.
 *
 * The contacts are cut into contiguous slices, each touch and snooze goes with the slice of its
 * contact, each worker evaluates its slice as a book, and the results are put back together in
 * `evaluate`'s order: the same items or rows, the same errors in the same order. Books whose
 * answer needs every contact at once are evaluated on the calling thread instead (same result):
 * a contact id given twice (which one counts depends on the whole book) and `top` tier rules
 * (they rank the whole book).
 */
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type EvaluateColumns, evaluateColumns } from '../core/columns.js';
import { type EvaluateOptions, evaluate } from '../core/evaluate.js';
import { argumentError, checkArguments } from '../core/intake.js';
import { isPlainObject } from '../core/records.js';
import type { EvaluateResult } from '../core/types.js';
import { InputError, InternalError } from '../errors/errors.js';
import { parsePolicy } from '../schema/policy.js';
import type { SliceResult, SliceTask } from './slice.js';
import { mergeColumns, mergeItems, sliceTasks } from './split.js';

/**
 * How `evaluateParallel` splits the work.
 *
 * @example
 * const settings: ParallelOptions = { workers: 4, output: 'columns' };
 */
export interface ParallelOptions {
  /** Worker threads to use: a whole number from 1 to 64. By default one per available core. */
  workers?: number;
  /** Below this many contacts per worker, fewer workers are used (at least one); 50,000 by default. */
  minContactsPerWorker?: number;
  /** `items` (the default) resolves to `evaluate`'s result; `columns` to `evaluateColumns`'. */
  output?: 'items' | 'columns';
}

const DEFAULT_MIN_CONTACTS_PER_WORKER = 50_000;
const MAX_WORKERS = 64;

/**
 * Evaluates a book over worker threads, resolving to exactly what `evaluate` (or, with
 * `output: 'columns'`, `evaluateColumns`) returns for the same options. Worth it for books of
 * hundreds of thousands of contacts on a machine with idle cores; the records are copied to the
 * workers, which costs about what reading them does, so on one core or a busy machine `evaluate`
 * is faster. A columnar result builds items and reasons in the calling thread when asked (reading
 * that row's slice again, once).
 *
 * @example
 * import { evaluateParallel } from 'calling-cycle/parallel';
 * const result = await evaluateParallel({ policy, contacts, touches, now: '2026-11-23T08:00:00Z' }, { workers: 4, output: 'columns' });
 * result.size; // as many rows as evaluate(…).items has
 */
export function evaluateParallel(options: EvaluateOptions, settings: ParallelOptions & { output: 'columns' }): Promise<EvaluateColumns>;
export function evaluateParallel(options: EvaluateOptions, settings?: ParallelOptions & { output?: 'items' }): Promise<EvaluateResult>;
export async function evaluateParallel(
  options: EvaluateOptions,
  settings: ParallelOptions = {},
): Promise<EvaluateResult | EvaluateColumns> {
  const nowMs = checkArguments(options);
  const output = checkSettings(settings);
  const policy = parsePolicy(options.policy);
  const wanted = settings.workers ?? availableParallelism();
  const perWorker = settings.minContactsPerWorker ?? DEFAULT_MIN_CONTACTS_PER_WORKER;
  const workers = Math.max(1, Math.min(wanted, Math.floor(options.contacts.length / perWorker)));
  const inThread = () => (output === 'columns' ? evaluateColumns(options) : evaluate(options));
  if (workers <= 1 || (policy.assign ?? []).some((rule) => rule.top !== undefined)) return inThread();
  const tasks = sliceTasks(options, policy, nowMs, output, workers);
  if (tasks === undefined) return inThread();
  let results: SliceResult[];
  try {
    results = await runTasks(tasks);
  } catch (error) {
    // A record holding what a worker cannot be sent (a function, a symbol in a field evaluate
    // ignores or reports) is answered in this thread: the same items and record errors as
    // evaluate, never a DataCloneError.
    if (error instanceof Error && error.name === 'DataCloneError') return inThread();
    throw error;
  }
  return output === 'columns' ? mergeColumns(tasks, results, policy) : mergeItems(results);
}

function checkSettings(settings: unknown): 'items' | 'columns' {
  if (!isPlainObject(settings))
    throw argumentError(['settings'], 'settings, when given, must be an object: { workers?, minContactsPerWorker?, output? }');
  const { workers, minContactsPerWorker, output } = settings as ParallelOptions;
  if (workers !== undefined && !(Number.isSafeInteger(workers) && workers >= 1 && workers <= MAX_WORKERS))
    throw argumentError(['settings', 'workers'], `workers must be a whole number from 1 to ${MAX_WORKERS}`);
  if (minContactsPerWorker !== undefined && !(Number.isSafeInteger(minContactsPerWorker) && minContactsPerWorker >= 1))
    throw argumentError(['settings', 'minContactsPerWorker'], 'minContactsPerWorker must be a whole number from 1');
  if (output !== undefined && output !== 'items' && output !== 'columns')
    throw argumentError(['settings', 'output'], "output must be 'items' or 'columns'");
  return output ?? 'items';
}

/**
 * A worker running the worker script beside this module: the built one in the package, or, when
 * this module runs from its TypeScript sources (the tests, the benchmarks), the source one
 * through tsx, which the sources need anyway.
 */
function startWorker(): Worker {
  const here = typeof __filename === 'string' ? pathToFileURL(__filename).href : import.meta.url;
  if (here.endsWith('.ts')) {
    const script = new URL('./worker.ts', here).href;
    return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`, {
      eval: true,
      execArgv: [],
    });
  }
  // No Node flags of the main thread: a worker refuses some of them (`--input-type`, `--eval` of
  // `node --input-type=module -e …`), and the worker script needs none.
  return new Worker(new URL(here.endsWith('.cjs') ? './parallel-worker.cjs' : './parallel-worker.js', here), { execArgv: [] });
}

/** Runs each task on a worker of its own and resolves to their results in task order. */
function runTasks(tasks: readonly SliceTask[]): Promise<SliceResult[]> {
  return Promise.all(
    tasks.map(
      (task) =>
        new Promise<SliceResult>((resolve, reject) => {
          const worker = startWorker();
          let settled = false;
          const finish = (outcome: () => void) => {
            if (settled) return;
            settled = true;
            void worker.terminate();
            outcome();
          };
          worker.once(
            'message',
            (message: { ok: boolean; result?: SliceResult; error?: { name?: string; message: string; issues?: [] } }) => {
              if (message.ok) finish(() => resolve(message.result!));
              else if (message.error?.name === 'InputError' || message.error?.name === 'PolicyError')
                finish(() => reject(new InputError(message.error!.message, message.error!.issues ?? [])));
              else finish(() => reject(new InternalError(`a worker failed: ${message.error?.message}`)));
            },
          );
          worker.once('error', (error) => finish(() => reject(new InternalError(`a worker failed: ${String(error)}`, { cause: error }))));
          worker.once('exit', (code) => finish(() => reject(new InternalError(`a worker stopped (exit code ${code}) before answering`))));
          try {
            worker.postMessage(task);
          } catch (error) {
            finish(() => reject(error));
          }
        }),
    ),
  );
}

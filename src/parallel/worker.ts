/**
 * The worker of `evaluateParallel`: evaluates the slices it is sent and posts each result back,
 * its typed arrays transferred rather than copied.
 */
import { parentPort } from 'node:worker_threads';
import { evaluateSlice, type SliceTask } from './slice.js';

parentPort?.on('message', (task: SliceTask) => {
  try {
    const result = evaluateSlice(task);
    const columns = result.columns;
    const transfer = columns
      ? [
          columns.status.buffer,
          columns.dueDay.buffer,
          columns.daysOverdue.buffer,
          columns.contact.buffer,
          columns.stateIndex.buffer,
          columns.cycle.buffer,
          columns.lastTouchMs.buffer,
          columns.escalation.buffer,
          columns.pausedDay.buffer,
        ]
      : [];
    parentPort!.postMessage({ ok: true, result }, transfer as ArrayBuffer[]);
  } catch (error) {
    const known = error as { name?: string; message?: string; issues?: unknown };
    parentPort!.postMessage({ ok: false, error: { name: known?.name, message: known?.message ?? String(error), issues: known?.issues } });
  }
});

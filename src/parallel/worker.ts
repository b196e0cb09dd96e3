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
    // The columns that are arrays go over by transfer; one that is a rule goes as the rule.
    const transfer = columns
      ? [
          columns.status,
          columns.dueDay,
          columns.daysOverdue,
          columns.contact,
          columns.stateIndex,
          columns.cycle,
          columns.lastTouchMs,
          columns.escalation,
          columns.pausedDay,
        ].flatMap((column) => (ArrayBuffer.isView(column) ? [column.buffer] : []))
      : [];
    // A buffer two columns share is listed once.
    const buffers = [...new Set(transfer)];
    parentPort!.postMessage({ ok: true, result }, buffers as ArrayBuffer[]);
  } catch (error) {
    const known = error as { name?: string; message?: string; issues?: unknown };
    parentPort!.postMessage({ ok: false, error: { name: known?.name, message: known?.message ?? String(error), issues: known?.issues } });
  }
});

// The page's and the worker's side of the engine parity test (engine.browser.test.ts): bundled by
// esbuild with `calling-cycle` resolved to the built package, exactly as a CRM front end bundles
// it, and run unchanged in Node, on a Chromium page and in a Chromium Web Worker. Each run
// returns one JSON text; the three must be equal byte for byte.
import { callList, evaluate, evaluateColumns, explain, occurrences, parsePolicy, plan, safeParsePolicy, summarize } from 'calling-cycle';

export function run(book) {
  const policy = parsePolicy(book.policy);
  const out = {};
  for (const now of book.nows) {
    const input = { policy, contacts: book.contacts, touches: book.touches, owners: book.owners, snoozes: book.snoozes, now };
    const result = evaluate(input);
    const columns = evaluateColumns(input);
    const rows = Array.from({ length: columns.size }, (_, row) => columns.item(row));
    const week = plan({ policy, items: result.items, owners: book.owners, from: now.slice(0, 10), days: 14 });
    const lists = week.owners.flatMap((owner) => owner.days.map((day) => callList(week, owner.ownerId, day.date)));
    out[now] = {
      result,
      sameColumns: JSON.stringify(rows) === JSON.stringify(result.items),
      reasons: result.items.map(explain),
      summary: summarize(result),
      plan: week,
      lists,
    };
  }
  out.occurrences = book.rules.map(([rule, options]) => occurrences(rule, options));
  out.badPolicy = safeParsePolicy(book.badPolicy);
  return JSON.stringify(out);
}

// In a worker: answer each book posted with its run.
if (typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope) {
  globalThis.onmessage = (event) => globalThis.postMessage(run(event.data));
} else {
  globalThis.callingCycleRun = run;
}

/**
 * plan fed by evaluateColumns (rows read from typed arrays, reasons built only for planned
 * touches) beside plan fed by evaluate's items, on one book evaluated for real: 1,000,000 contacts
 * for 500 reps over 90 days, tiers on fortnightly, monthly and quarterly cycles. Prints time and
 * peak memory of each way, in a process of its own each (`bench/index.ts` runs them apart);
 * never fails on time.
 */
import { performance } from 'node:perf_hooks';
import { evaluateColumns } from '../src/core/columns.js';
import { type Contact, evaluate, type Owner, plan, type Touch } from '../src/index.js';
import { CYCLE_DAYS, cpuSecondsSince, megabytes, policy, readEveryList, spread, TIERS } from './plan.js';
import { formatRate, peakMemory, runsAsScript, timed } from './util.js';

const NOW = '2026-11-30T06:00:00Z';

/** A book in its steady state: last touches spread over each cycle, ten days of backlog. */
function book(size: number, owners: number): { contacts: Contact[]; touches: Touch[]; owners: Owner[] } {
  const contacts: Contact[] = new Array(size);
  const touches: Touch[] = new Array(size);
  const base = Date.parse(NOW);
  for (let index = 0; index < size; index++) {
    const tier = TIERS[index % TIERS.length]!;
    contacts[index] = { id: `c${index}`, ownerId: `u${index % owners}`, tier, timeZone: 'UTC' };
    const daysAgo = spread(index, CYCLE_DAYS[tier]! + 10);
    touches[index] = {
      contactId: `c${index}`,
      at: new Date(base - daysAgo * 86_400_000).toISOString(),
      channel: 'call',
      outcome: 'connected',
    };
  }
  const ownerList = Array.from({ length: owners }, (_, index) => ({
    id: `u${index}`,
    calendar: 'office',
    dailyCapacity: Math.ceil(size / owners / 25),
  }));
  return { contacts, touches, owners: ownerList };
}

export async function runPlanColumnsBench(size = 1_000_000, way: 'columns' | 'items' = 'columns'): Promise<void> {
  const owners = Math.max(1, Math.round(size / 2000));
  const input = book(size, owners);
  const memory = peakMemory();
  const start = performance.now();
  const evaluated = timed(() =>
    way === 'columns' ? evaluateColumns({ policy, ...input, now: NOW }) : evaluate({ policy, ...input, now: NOW }).items,
  );
  const evaluatedMemory = process.memoryUsage.rss();
  const cpu = process.cpuUsage();
  const planned = timed(() => plan({ policy, items: evaluated.result, owners: input.owners, from: '2026-11-30', days: 90 }));
  const cpuSeconds = cpuSecondsSince(cpu);
  const total = (performance.now() - start) / 1000;
  const touches = planned.result.load.reduce((sum, day) => sum + day.touches, 0);
  const peakPlanned = memory.stop();
  // A day's list is built when first read: reading them all is what an export of the whole plan pays.
  const read = timed(() => readEveryList(planned.result));
  console.log(
    `  from ${way === 'columns' ? 'evaluateColumns' : 'evaluate (items)'}: evaluate ${evaluated.seconds.toFixed(2)} s + plan ${planned.seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s) = ${total.toFixed(2)} s (${formatRate(size / total)} contacts/s); ${touches.toLocaleString('en')} touches planned, ${planned.result.overflow.length.toLocaleString('en')} overflow; peak RSS ${peakPlanned} (book included; ${megabytes(evaluatedMemory)} before plan)`,
  );
  console.log(
    `    then every day's list read (${read.result.toLocaleString('en')} touches built): ${read.seconds.toFixed(2)} s more, peak RSS ${memory.stop()}`,
  );
}

if (runsAsScript('plan-columns.ts')) {
  const size = Number(process.argv[2] ?? 1_000_000);
  console.log(
    `\nplan from a real evaluation: ${size.toLocaleString('en')} contacts, ${Math.round(size / 2000)} reps, 90 days (plan target < 3 s, < 600 MB)`,
  );
  await runPlanColumnsBench(size, (process.argv[3] as 'columns' | 'items' | undefined) ?? 'columns');
}

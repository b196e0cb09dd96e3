/**
 * plan on large books: 100,000 contacts for 50 reps and 1,000,000 for 500, over 90 days, each
 * contact on a fortnightly, monthly or quarterly cycle, so the horizon holds its recurrences too.
 * Prints time and peak memory; never fails on time.
 */
import { type DueItem, type Plan, parsePolicy, plan } from '../src/index.js';
import { peakMemory, runsAsScript, timed } from './util.js';

/** Tiers on fortnightly, monthly and quarterly cycles over one office calendar (shared with plan-columns.ts). */
export const policy = parsePolicy({
  version: 1,
  calendars: { office: { holidays: ['2026-12-25', '2026-12-28', '2027-01-01'] } },
  calendar: 'office',
  tiers: [
    { id: 'A', weight: 3, cycles: [{ id: 'check-in', cadence: { every: 'P14D' } }] },
    { id: 'B', weight: 2, cycles: [{ id: 'check-in', cadence: { every: 'P1M' } }] },
    { id: 'C', weight: 1, cycles: [{ id: 'check-in', cadence: { every: 'P3M' } }] },
  ],
  defaultTier: 'C',
});
export const TIERS = ['A', 'B', 'B', 'C', 'C', 'C'];

/**
 * CPU time of the process since `start` (all its threads, the collector's included): on a machine
 * shared with other jobs, wall time says as much about the neighbours as about the code.
 */
export function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

export const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** Reads every day's `touches` (each list is built on its first read) and returns how many there are. */
export function readEveryList(result: Plan): number {
  let touches = 0;
  for (const owner of result.owners) for (const day of owner.days) touches += day.touches.length;
  return touches;
}
export const CYCLE_DAYS: Record<string, number> = { A: 14, B: 30, C: 91 };

/** Knuth's multiplicative hash: spreads contacts over their cycle independently of owner and tier. */
export const spread = (index: number, range: number) => (Math.imul(index + 1, 2654435761) >>> 0) % range;

function book(contacts: number, owners: number): DueItem[] {
  const base = Date.UTC(2026, 10, 30);
  const items: DueItem[] = new Array(contacts);
  for (let index = 0; index < contacts; index++) {
    const tierId = TIERS[index % TIERS.length]!;
    const cadence = policy.tiers.find((tier) => tier.id === tierId)!.cycles[0]!.cadence;
    // A book in its steady state: last touches spread over each cycle, ten days of backlog.
    const offset = spread(index, CYCLE_DAYS[tierId]! + 10) - 10;
    const dueOn = new Date(base + offset * 86_400_000).toISOString().slice(0, 10);
    items[index] = {
      contactId: `c${index}`,
      cycleId: 'check-in',
      tierId,
      ownerId: `u${index % owners}`,
      status: offset < 0 ? 'overdue' : 'upcoming',
      dueOn,
      daysOverdue: Math.max(0, -offset),
      lastTouchAt: null,
      escalation: null,
      reason: {
        tierId,
        tier: { by: 'explicit' },
        cycleId: 'check-in',
        cadence,
        timeZone: 'UTC',
        contactCalendar: null,
        basis: 'touch',
        lastTouchOn: null,
        rawDue: dueOn,
        shiftedTo: null,
        shift: 'following',
        pausedUntil: null,
        snoozedUntil: null,
      },
    };
  }
  return items;
}

async function runOne(contacts: number, owners: number, target: string): Promise<void> {
  const items = book(contacts, owners);
  const ownerList = Array.from({ length: owners }, (_, index) => ({
    id: `u${index}`,
    calendar: 'office',
    // About what the book needs (2,000 contacts: ~80 touches a workday), so some days overflow.
    dailyCapacity: Math.ceil(contacts / owners / 25),
  }));
  const bookMemory = process.memoryUsage.rss();
  const cpu = process.cpuUsage();
  const { result, seconds } = timed(() => plan({ policy, items, owners: ownerList, from: '2026-11-30', days: 90 }));
  const cpuSeconds = cpuSecondsSince(cpu);
  const planned = result.load.reduce((sum, day) => sum + day.planned, 0);
  const needed = result.owners.reduce((most, owner) => Math.max(most, owner.neededCapacity), 0);
  const peakPlanned = peakMemory().stop();
  // A day's list is built when first read: reading them all is what an export of the whole plan pays.
  const read = timed(() => readEveryList(result));
  console.log(
    `  ${contacts.toLocaleString('en')} contacts, ${owners} reps, 90 days: ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s; target ${target}); ${planned.toLocaleString('en')} calls planned, ${result.overflow.length.toLocaleString('en')} overflow, capacity ${ownerList[0]!.dailyCapacity} a day (up to ${needed} needed); peak RSS ${peakPlanned} (the items alone: ${megabytes(bookMemory)})`,
  );
  console.log(
    `    then every day's list read (${read.result.toLocaleString('en')} touches built): ${read.seconds.toFixed(2)} s more, peak RSS ${peakMemory().stop()}`,
  );
}

const TARGETS: Record<number, string> = { 100000: 'under 1 s', 1000000: 'under 3 s and 600 MB' };

/** Both sizes, or only `contacts` (`npx tsx bench/plan.ts 100000`), with one rep per 2,000 contacts. */
export async function runPlanBench(contacts?: number): Promise<void> {
  console.log('\nplan: call lists within capacity, recurrences included');
  if (contacts !== undefined) return runOne(contacts, Math.max(1, Math.round(contacts / 2000)), TARGETS[contacts] ?? 'none set');
  await runOne(100_000, 50, TARGETS[100_000]!);
  await runOne(1_000_000, 500, TARGETS[1_000_000]!);
}

if (runsAsScript('plan.ts')) await runPlanBench(process.argv[2] !== undefined ? Number(process.argv[2]) : undefined);

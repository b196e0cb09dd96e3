/**
 * `simulate`: days go by, each day's call lists are planned, reps make the calls (all of them, a
 * share, or by a rule of yours), the touches are logged, and each day is measured: compliance per
 * tier, backlog, load per owner. "What if we had 15 calls a day?" is one option away, and a test
 * can assert that a policy is sustainable.
 *
 * Each day costs one `evaluate` and one `plan` of the whole book (one `evaluate` per zone only
 * when the book's zones are more than a day apart, so no instant is the same date in all of them).
 */
import { bookData, type BookData, type BookInput } from './book.js';
import { contactZones } from './check.js';
import { addDays, instantOfWall, localWall } from './moments.js';
import type { PolicyInput } from './policies.js';
import { touchShapeForCycle } from '../adapters/shared/cycle-touch.js';
import { evaluate } from '../core/evaluate.js';
import type { DueItem, Owner, Touch } from '../core/types.js';
import { callList, plan } from '../plan/plan.js';
import { parsePolicy } from '../schema/policy.js';

/** One planned call, as a behaviour rule sees it: a contact, and every cycle the call serves. */
export interface SimulatedCall {
  date: string;
  ownerId: string;
  contactId: string;
  tierId: string;
  cycleIds: string[];
  /** The earliest due date of the cycles served. */
  dueOn: string;
  /** Days late on the day (negative when early), the most of the cycles served. */
  lateness: number;
  /** 1-based place in the owner's list that day. */
  position: number;
}

/** What a behaviour rule may say of a call: made or not, or made with these touch fields. */
export type CallDecision = boolean | { outcome?: string; purpose?: string; channel?: Touch['channel'] };

/**
 * How reps work their lists: `all` planned calls are made; a `share` of them (picked by a seeded
 * random generator, so a run repeats exactly); or a rule that decides each call.
 */
export type Behaviour = 'all' | { share: number; seed?: number } | ((call: SimulatedCall) => CallDecision);

export interface SimulateOptions {
  /** First simulated day, `YYYY-MM-DD`. */
  from: string;
  /** How many calendar days to run. */
  days: number;
  /** How reps work their lists (default `all`). */
  behaviour?: Behaviour;
  /** Every owner's `dailyCapacity` replaced by this ("what if we had 15 calls a day"). */
  capacity?: number;
  /** Days each daily plan looks ahead, so today's list leaves room for what is coming (default 7). */
  planDays?: number;
  /** `flexDays` of the daily plans (the plan's default otherwise). */
  flexDays?: number;
  /**
   * Local time of day the first call of a list is logged (default `10:00`); the next ones a minute
   * apart (closer when a list is long, so all fall within 8 hours).
   */
  callsFrom?: string;
}

/** The load of one owner on one day. */
export interface SimulatedLoad {
  planned: number;
  made: number;
  capacity: number;
}

/** One simulated day, measured at its start (before the day's calls). */
export interface SimulatedDay {
  date: string;
  /** Per tier, the share of dated items (upcoming, soon, due, overdue) that are not overdue; 1 with none. */
  compliance: Record<string, number>;
  /** The same over all tiers. */
  overallCompliance: number;
  /** Overdue items at the start of the day. */
  backlog: number;
  backlogByTier: Record<string, number>;
  /** Per owner: calls planned for the day, calls made, capacity. */
  load: Record<string, SimulatedLoad>;
  /** Calls made that day over all owners. */
  made: number;
}

export interface Simulation {
  from: string;
  days: SimulatedDay[];
  /** The touches the simulation logged, in order. */
  touches: Touch[];
  /** The book at the end: the input plus the logged touches. */
  book: BookData;
  summary: {
    /** Per tier, the lowest compliance over the run. */
    worstCompliance: Record<string, number>;
    /** Overdue items at the start of the last day. */
    finalBacklog: number;
    peakBacklog: number;
    planned: number;
    made: number;
    /** Items that could not be planned (no owner, unknown owner, no capacity), on the first day. */
    unplannable: number;
  };
}

const WORKING_SPAN_MS = 8 * 3_600_000;
const DATED = new Set(['upcoming', 'soon', 'due', 'overdue']);

/**
 * Runs a book through `days` days of planning and calling.
 *
 * @example
 * const run = simulate(policy, accounts, { from: '2026-01-05', days: 28, capacity: 15 });
 * run.summary.worstCompliance.A; // 1 when 15 calls a day keep every tier-A contact on time
 * run.days.at(-1)?.backlog; // overdue items on the last day
 */
export function simulate(policyInput: PolicyInput, input: BookInput, options: SimulateOptions): Simulation {
  const policy = parsePolicy(policyInput);
  const start = bookData(input, policy);
  if (!Number.isInteger(options.days) || options.days < 1) throw new Error('simulate: days must be a whole number, 1 or more');
  if (localWall(options.from) === undefined || options.from.length !== 10)
    throw new Error(`simulate: from "${options.from}" is not a YYYY-MM-DD date`);
  const owners: Owner[] = start.owners.map((owner) =>
    options.capacity === undefined ? { ...owner } : { ...owner, dailyCapacity: options.capacity },
  );
  const callsFrom = localWall(`${options.from} ${options.callsFrom ?? '10:00'}`);
  if (callsFrom === undefined) throw new Error(`simulate: callsFrom "${options.callsFrom}" is not a HH:mm time`);
  const timeOfDay = callsFrom - localWall(`${options.from} 00:00`)!;
  const decide = decider(options.behaviour ?? 'all');
  const records = { policy, contacts: start.contacts, owners, snoozes: start.snoozes };

  const probe = evaluate({ ...records, touches: start.touches, now: instantOfWall(localWall(`${options.from} 00:00`)!, 'UTC') });
  const zones = contactZones(probe.items);
  const distinctZones = [...new Set(zones.values())];
  const touches: Touch[] = [...start.touches];
  const logged: Touch[] = [];
  const timeline: SimulatedDay[] = [];
  let planned = 0;
  let made = 0;
  let unplannable = 0;

  for (let offset = 0; offset < options.days; offset++) {
    const date = addDays(options.from, offset);
    const items = itemsOn(date, distinctZones, (now) => evaluate({ ...records, touches, now }).items);
    const day = measure(date, items);
    const dayPlan = plan({
      policy,
      items,
      owners,
      from: date,
      days: options.planDays ?? 7,
      ...(options.flexDays !== undefined ? { flexDays: options.flexDays } : {}),
    });
    if (offset === 0) unplannable = dayPlan.errors.filter((error) => error.record === 'item').length;
    for (const ownerPlan of dayPlan.owners) {
      const today = ownerPlan.days.find((candidate) => candidate.date === date);
      const load: SimulatedLoad = { planned: 0, made: 0, capacity: today?.capacity ?? 0 };
      day.load[ownerPlan.ownerId] = load;
      // One call per contact a day, serving every cycle planned for it: capacity counts calls.
      const calls = callList(dayPlan, ownerPlan.ownerId, date);
      // A minute apart, or closer for a long list, so the day's calls all fall within 8 hours of
      // the first and never spill into the next day.
      const spacing = Math.min(60_000, Math.floor(WORKING_SPAN_MS / Math.max(1, calls.length) / 1000) * 1000);
      calls.forEach((entry, index) => {
        load.planned++;
        const decision = decide({
          date,
          ownerId: ownerPlan.ownerId,
          contactId: entry.contactId,
          tierId: entry.tierId,
          cycleIds: entry.cycles.map((cycle) => cycle.cycleId),
          dueOn: entry.cycles.map((cycle) => cycle.dueOn).sort()[0]!,
          lateness: Math.max(...entry.cycles.map((cycle) => cycle.lateness)),
          position: entry.position,
        });
        if (decision === false) return;
        const fields = typeof decision === 'object' ? decision : {};
        const zone = zones.get(entry.contactId) ?? 'UTC';
        entry.cycles.forEach((cycle, part) => {
          const shape = touchShapeForCycle(policy, cycle.cycleId) ?? {
            channel: 'call' as const,
            direction: 'outbound' as const,
            outcome: 'connected',
          };
          // A touch per cycle served, a millisecond apart: touches at the same instant on the
          // same channel count once, and each cycle may want its own purpose.
          const wall = localWall(`${date} 00:00`)! + timeOfDay + index * spacing + part;
          const touchRecord: Touch = { contactId: entry.contactId, at: instantOfWall(wall, zone), ...shape, ...fields };
          touches.push(touchRecord);
          logged.push(touchRecord);
        });
        load.made++;
      });
      planned += load.planned;
      made += load.made;
      day.made += load.made;
    }
    timeline.push(day);
  }

  const worstCompliance: Record<string, number> = {};
  for (const day of timeline) {
    for (const [tier, share] of Object.entries(day.compliance)) worstCompliance[tier] = Math.min(worstCompliance[tier] ?? 1, share);
  }
  return {
    from: options.from,
    days: timeline,
    touches: logged,
    book: { ...start, touches },
    summary: {
      worstCompliance,
      finalBacklog: timeline.at(-1)?.backlog ?? 0,
      peakBacklog: Math.max(0, ...timeline.map((day) => day.backlog)),
      planned,
      made,
      unplannable,
    },
  };
}

/**
 * The items of a day: evaluated at the first instant that is this date in every zone of the book
 * (so every touch of the days before counts and none of this day's), or once per zone when the
 * zones are too far apart for one instant to be the same date in all of them.
 */
function itemsOn(date: string, zones: readonly string[], run: (now: string) => DueItem[]): DueItem[] {
  const midnight = localWall(`${date} 00:00`)!;
  if (zones.length === 0) return run(instantOfWall(midnight, 'UTC'));
  const next = localWall(`${addDays(date, 1)} 00:00`)!;
  const starts = zones.map((zone) => Date.parse(instantOfWall(midnight, zone)));
  const ends = zones.map((zone) => Date.parse(instantOfWall(next, zone)));
  const latestStart = Math.max(...starts);
  if (latestStart < Math.min(...ends)) return run(new Date(latestStart).toISOString());
  const items: DueItem[] = [];
  for (const zone of zones) items.push(...run(instantOfWall(midnight, zone)).filter((item) => item.reason.timeZone === zone));
  return items;
}

function measure(date: string, items: readonly DueItem[]): SimulatedDay {
  const dated = new Map<string, number>();
  const overdue = new Map<string, number>();
  let datedCount = 0;
  let overdueCount = 0;
  for (const item of items) {
    if (!DATED.has(item.status)) continue;
    dated.set(item.tierId, (dated.get(item.tierId) ?? 0) + 1);
    datedCount++;
    if (item.status === 'overdue') {
      overdue.set(item.tierId, (overdue.get(item.tierId) ?? 0) + 1);
      overdueCount++;
    }
  }
  const compliance: Record<string, number> = {};
  const backlogByTier: Record<string, number> = {};
  for (const [tier, count] of [...dated].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const late = overdue.get(tier) ?? 0;
    compliance[tier] = (count - late) / count;
    backlogByTier[tier] = late;
  }
  return {
    date,
    compliance,
    overallCompliance: datedCount === 0 ? 1 : (datedCount - overdueCount) / datedCount,
    backlog: overdueCount,
    backlogByTier,
    load: {},
    made: 0,
  };
}

function decider(behaviour: Behaviour): (call: SimulatedCall) => CallDecision {
  if (behaviour === 'all') return () => true;
  if (typeof behaviour === 'function') return behaviour;
  const { share } = behaviour;
  if (!(share >= 0 && share <= 1)) throw new Error(`simulate: behaviour.share must be from 0 to 1, got ${share}`);
  const random = mulberry32(behaviour.seed ?? 1);
  return () => random() < share;
}

/** A small seeded generator: the same seed gives the same calls made, run after run. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

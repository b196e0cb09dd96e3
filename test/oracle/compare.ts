/**
 * `evaluate` against the oracle on one book: every (contact, cycle) the oracle answers must be an
 * item with the same status, dueOn, daysOverdue and lastTouchAt (as an instant), or the same error.
 */
import { type Contact, evaluate, type Owner, parsePolicy, type Snooze, type Touch } from '../../src/index.js';
import { type Expected, type OracleBook, type OracleCadence, oracle } from './reference.js';
import { ruleText } from './rrule.js';

function wireCadence(cadence: OracleCadence): Record<string, unknown> {
  switch (cadence.kind) {
    case 'rolling':
      return { every: cadence.every };
    case 'anchored':
      return {
        rrule: ruleText(cadence.rule),
        ...(cadence.anchor !== undefined ? { anchor: cadence.anchor } : {}),
        earlyDays: cadence.earlyDays,
      };
    case 'quota':
      return { per: cadence.per, times: cadence.times };
    case 'milestones':
      return { after: cadence.after, at: cadence.at, earlyDays: cadence.earlyDays };
  }
}

/** The book in the wire format `evaluate` reads. */
export function wireInput(book: OracleBook) {
  const policy = parsePolicy({
    version: 1,
    ...(book.timeZone !== undefined ? { timeZone: book.timeZone } : {}),
    calendars: book.calendars,
    ...(book.calendar !== undefined ? { calendar: book.calendar } : {}),
    tiers: [{ id: 'T', cycles: book.cycles.map((cycle) => ({ ...cycle, cadence: wireCadence(cycle.cadence) })) }],
    defaultTier: 'T',
  });
  return {
    policy,
    contacts: book.contacts as Contact[],
    touches: book.touches as Touch[],
    owners: book.owners as Owner[],
    snoozes: book.snoozes as Snooze[],
    now: book.now,
  };
}

/** Disagreements between `evaluate` and the oracle on one book, as readable lines (none: empty). */
export function disagreements(book: OracleBook, tally?: Map<string, number>): string[] {
  const expected = oracle(book);
  const { items, errors } = evaluate(wireInput(book));
  const problems: string[] = [];
  const got = new Map(items.map((item) => [`${item.contactId}\u0000${item.cycleId}`, item]));
  for (const [key, want] of expected) {
    const [contactId, cycleId] = key.split('\u0000');
    const item = got.get(key);
    got.delete(key);
    if (tally) {
      const label = want.kind === 'error' ? `error ${want.code}` : want.status;
      tally.set(label, (tally.get(label) ?? 0) + 1);
    }
    const where = `${contactId} / ${cycleId}`;
    if (want.kind === 'error') {
      if (item !== undefined) problems.push(`${where}: oracle says error ${want.code}, evaluate gives ${describe(item)}`);
      else if (!errors.some((error) => error.contactId === contactId && error.code === want.code))
        problems.push(`${where}: oracle says error ${want.code}, evaluate reports ${JSON.stringify(errors)}`);
      continue;
    }
    if (item === undefined) {
      problems.push(
        `${where}: oracle says ${show(want)}, evaluate gives no item (${JSON.stringify(errors.filter((e) => e.contactId === contactId))})`,
      );
      continue;
    }
    const actual = {
      status: item.status,
      dueOn: item.dueOn,
      daysOverdue: item.daysOverdue,
      lastTouchMs: item.lastTouchAt === null ? null : Date.parse(item.lastTouchAt),
    };
    if (
      actual.status !== want.status ||
      actual.dueOn !== want.dueOn ||
      actual.daysOverdue !== want.daysOverdue ||
      actual.lastTouchMs !== want.lastTouchMs
    ) {
      problems.push(`${where}: oracle says ${show(want)}, evaluate gives ${describe(item)}`);
    }
  }
  for (const key of got.keys()) problems.push(`${key.replace('\u0000', ' / ')}: evaluate gives an item the oracle does not know`);
  const unexpected = errors.filter(
    (error) =>
      ![...expected].some(([key, want]) => want.kind === 'error' && key.startsWith(`${error.contactId}\u0000`) && want.code === error.code),
  );
  for (const error of unexpected) problems.push(`unexpected error: ${JSON.stringify(error)}`);
  return problems;
}

function show(want: Extract<Expected, { kind: 'item' }>): string {
  const last = want.lastTouchMs === null ? 'never' : new Date(want.lastTouchMs).toISOString();
  return `${want.status} due ${want.dueOn} (${want.daysOverdue} days over, last ${last})`;
}

function describe(item: ReturnType<typeof evaluate>['items'][number]): string {
  return `${item.status} due ${item.dueOn} (${item.daysOverdue} days over, last ${item.lastTouchAt ?? 'never'}; reason ${JSON.stringify({ basis: item.reason.basis, rawDue: item.reason.rawDue, shiftedTo: item.reason.shiftedTo, timeZone: item.reason.timeZone })})`;
}

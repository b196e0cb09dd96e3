/**
 * `evaluate`: for every contact and every cycle of its tier, the status at `now` and why.
 *
 * Built for books of millions: records are validated by hand-written checks, touches are grouped
 * per contact once, zones answer local dates from a per-day offset cache, calendars are compiled
 * once per owner, and text is only built when `explain` asks for it. The parts: intake.ts (checks,
 * owners, contacts, touches, tiers, snoozes), cycle.ts (one contact and cycle), compiled.ts (the
 * policy compiled). Bulk callers that do not read every item take `evaluateColumns` (columns.ts).
 */
import { type ContactBalance, contactBalance, DEFAULT_BALANCE } from './balance.js';
import { buildItem, computeCycle, CycleContext } from './cycle.js';
import { type Book, checkArguments, NONE, openSession, readBook, type Session, snoozeEntries, type TouchFields } from './intake.js';
import { recordError } from './records.js';
import type { CompiledCycle } from './compiled.js';
import type { TierAssignment } from './tiers.js';
import type { Contact, DueItem, EvaluateResult, InstantInput, Owner, RecordError, Snooze, Touch } from './types.js';
import { messages } from '../errors/messages.js';
import type { Policy } from '../schema/policy.js';

export type { CompiledCycle, CompiledPolicy } from './compiled.js';
export { compilePolicy } from './compiled.js';

/** Everything `evaluate` reads. Nothing here is mutated. */
export interface EvaluateOptions {
  /** A policy (validated again here: a bad one throws `PolicyError` before any work). */
  policy: Policy;
  contacts: readonly Contact[];
  touches: readonly Touch[];
  owners?: readonly Owner[];
  snoozes?: readonly Snooze[];
  /** The instant to evaluate at; the library never reads the clock. */
  now: InstantInput;
}

/**
 * Evaluates every (contact, cycle) at `now`: status, due date, last qualifying touch, escalation
 * and the reason. Bad records become `errors` entries; every other record is still evaluated.
 *
 * @example
 * const { items, errors } = evaluate({
 *   policy: parsePolicy(policyJson),
 *   contacts: [{ id: 'c1', timeZone: 'Asia/Tokyo', tier: 'A', createdAt: '2026-01-05T10:00:00Z' }],
 *   touches: [{ contactId: 'c1', at: '2026-11-01T09:30:00Z', channel: 'call', outcome: 'connected' }],
 *   now: '2026-11-23T08:00:00Z',
 * });
 * // items[0] → { contactId: 'c1', cycleId: 'check-in', status: 'overdue', dueOn: '2026-11-16', … }
 */
export function evaluate(options: EvaluateOptions): EvaluateResult {
  const nowMs = checkArguments(options);
  const errors: RecordError[] = [];
  const session = openSession(options.policy, options.owners, nowMs, errors);
  const book = readBook(session, options.contacts, options.touches, snoozeEntries(options.snoozes ?? []), 0, 0, errors);
  const items = evaluateBookItems(session, book, errors);
  const balance = bookBalance(session, book);
  return balance === undefined ? { items, errors } : { items, errors, balance };
}

/** Every item of a book, in contact then cycle order; a (contact, cycle) that fails is an error. */
export function evaluateBookItems(session: Session, book: Book, errors: RecordError[]): DueItem[] {
  const { states, tiers } = book;
  const { compiled } = session;
  const context = new CycleContext(book, compiled.calendars);
  // Most contacts share their tier with the one before: its cycles are looked up once per run of them.
  let lastAssignment: TierAssignment | undefined;
  let cycles: readonly CompiledCycle[] = [];
  let rows = 0;
  for (let index = 0; index < states.size; index++) {
    const assignment = tiers[index];
    if (assignment === undefined) continue;
    if (assignment !== lastAssignment) {
      cycles = compiled.tiers.get(assignment.tierId)!.cycles;
      lastAssignment = assignment;
    }
    rows += cycles.length;
  }
  // The list made at its full length once, not grown (and copied) item by item; cut to the items
  // made when some (contact, cycle) is an error.
  const items = new Array<DueItem>(rows);
  let row = 0;
  lastAssignment = undefined;
  for (let index = 0; index < states.size; index++) {
    const assignment = tiers[index];
    if (assignment === undefined) {
      errors.push(noTierError(book, index));
      continue;
    }
    if (assignment !== lastAssignment) {
      cycles = compiled.tiers.get(assignment.tierId)!.cycles;
      lastAssignment = assignment;
    }
    for (let at = 0; at < cycles.length; at++) {
      const cycle = cycles[at]!;
      const outcome = computeCycle(context, index, cycle);
      if (outcome.problem !== undefined)
        errors.push(recordError('contact', states.inputIndex(index), outcome.problem, { contactId: states.contact(index).id }));
      else items[row++] = buildItem(context, index, assignment, cycle);
    }
  }
  items.length = row;
  return items;
}

/** The error of an accepted contact no tier rule matched (and no default tier). */
export function noTierError(book: Book, stateIndex: number): RecordError {
  return recordError(
    'contact',
    book.states.inputIndex(stateIndex),
    { code: 'unknown-tier', path: ['tier'], message: messages.noTier },
    { contactId: book.states.contact(stateIndex).id },
  );
}

/** Relationship balance per accepted contact, when the policy has a `balance` section. */
export function bookBalance(session: Session, book: Book): ContactBalance[] | undefined {
  const { policy } = session.compiled;
  if (!policy.balance) return undefined;
  const settings = { ...DEFAULT_BALANCE, ...policy.balance };
  const { states, touches } = book;
  const balance: ContactBalance[] = [];
  for (let stateIndex = 0; stateIndex < states.size; stateIndex++) {
    const contact = states.contact(stateIndex);
    const own: { ms: number; touch: TouchFields }[] = [];
    for (let touch = touches.first[stateIndex]!; touch !== NONE; touch = touches.next[touch]!)
      own.push({ ms: touches.ms[touch]!, touch: touches.touch(touch) });
    balance.push(contactBalance(contact.id, contact.ownerId ?? null, own, settings));
  }
  return balance;
}

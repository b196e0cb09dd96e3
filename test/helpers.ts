/** Builders shared by the tests: a small policy and records with sensible defaults. */
import { type Contact, type DueItem, evaluate, type Owner, parsePolicy, type Policy, type Snooze, type Touch } from '../src/index.js';

export type CycleInput = Record<string, unknown> & { id?: string };

/** A one-tier policy around one cycle; `extra` merges into the policy. */
export function policyWith(cycle: CycleInput, extra: Record<string, unknown> = {}): Policy {
  return parsePolicy({
    version: 1,
    calendars: { weekdays: { workingDays: ['MO', 'TU', 'WE', 'TH', 'FR'], holidays: ['2026-12-25'] } },
    calendar: 'weekdays',
    tiers: [{ id: 'A', weight: 2, cycles: [{ id: 'check-in', ...cycle }] }],
    defaultTier: 'A',
    ...extra,
  });
}

export function call(contactId: string, at: string, extra: Partial<Touch> = {}): Touch {
  return { contactId, at, channel: 'call', direction: 'outbound', outcome: 'connected', purpose: 'check-in', ...extra };
}

export interface OneOptions {
  policy: Policy;
  contact?: Partial<Contact>;
  touches?: Touch[];
  owners?: Owner[];
  snoozes?: Snooze[];
  now: string;
}

/** Evaluates a single contact and returns its only item, failing loudly otherwise. */
export function evaluateOne({ policy, contact = {}, touches = [], owners, snoozes, now }: OneOptions): DueItem {
  const result = evaluate({ policy, contacts: [{ id: 'c1', ...contact }], touches, owners, snoozes, now });
  if (result.errors.length > 0) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  if (result.items.length !== 1) throw new Error(`expected one item, got ${result.items.length}`);
  return result.items[0]!;
}

/** Deep-freezes a value so any mutation by the library throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

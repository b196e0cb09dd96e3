/**
 * Scenario files: a policy, records, a moment and what should come out (statuses, due dates,
 * call lists), as plain JSON, so a team that does not write JavaScript can still pin down its
 * cadence rules. `runScenarios` checks them; `formatScenarioResults` prints one line per scenario
 * and a closing `N passed, N failed`.
 */
import { scenarioSchema } from '../schema/zod/scenario.js';
import { book, type BookBuilder } from './book.js';
import { evaluateAt } from './check.js';
import { asOf } from './moments.js';
import { safeParsePolicy } from '../schema/policy.js';
import type { Touch } from '../core/types.js';
import { planFrom, startDate } from './check.js';
import { callList } from '../plan/plan.js';

const PLURAL = { contact: 'contacts', touch: 'touches', owner: 'owners', snooze: 'snoozes' } as const;

type Id = string | number;
type LocalOrInstantInput = string | number;

/** One item a scenario expects; only the fields given are compared. */
export interface ExpectedItem {
  contactId: Id;
  cycleId?: string | undefined;
  tierId?: string | undefined;
  status?: 'upcoming' | 'soon' | 'due' | 'overdue' | 'paused' | 'excluded' | 'ended' | undefined;
  dueOn?: string | null | undefined;
  daysOverdue?: number | undefined;
  escalation?: string | null | undefined;
}

/**
 * One scenario as written (its JSON shape: `scenarioSchema` in `calling-cycle/zod`, and
 * `schema/scenario.json`). Records are wire-format objects; extra fields are kept.
 */
export interface Scenario {
  $schema?: string | undefined;
  name?: string | undefined;
  description?: string | undefined;
  policy: { [key: string]: unknown };
  contacts?: { [key: string]: unknown; id: Id; createdAt?: LocalOrInstantInput | undefined }[] | undefined;
  touches?: { [key: string]: unknown; contactId: Id; at: LocalOrInstantInput; channel: string }[] | undefined;
  owners?: { [key: string]: unknown; id: Id }[] | undefined;
  snoozes?: { [key: string]: unknown; contactId: Id; cycleId: string; until: string }[] | undefined;
  now: LocalOrInstantInput;
  plan?: { days?: number | undefined; flexDays?: number | undefined } | undefined;
  expect: {
    items?: ExpectedItem[] | undefined;
    callLists?:
      | { ownerId: Id; date: string; calls: (Id | { contactId: Id; cycleId?: string | undefined })[]; exact?: boolean | undefined }[]
      | undefined;
    errors?: { record?: 'contact' | 'touch' | 'owner' | 'snooze' | undefined; code?: string | undefined; contactId?: Id | undefined }[] | undefined;
  };
}

/** The verdict on one scenario. */
export interface ScenarioResult {
  name: string;
  /** The file it came from, when read from one. */
  file?: string;
  passed: boolean;
  /** What did not match, one entry per problem. */
  failures: string[];
}

/**
 * Checks scenarios given as data (parsed JSON). Each entry of `inputs` may be one scenario or a
 * list of them; a bad one fails with every schema problem by path, never throws.
 *
 * @example
 * const results = runScenarios([JSON.parse(text)]);
 * console.log(formatScenarioResults(results)); // 'PASS key account …\n1 passed, 0 failed'
 */
export function runScenarios(inputs: readonly unknown[], names: readonly string[] = []): ScenarioResult[] {
  const results: ScenarioResult[] = [];
  inputs.forEach((input, index) => {
    const label = names[index] ?? `scenario ${index + 1}`;
    const list = Array.isArray(input) ? input : [input];
    list.forEach((scenario, position) => {
      const fallback = list.length > 1 ? `${label} #${position + 1}` : label;
      results.push(runScenario(scenario, fallback));
    });
  });
  return results;
}

/**
 * Checks one scenario.
 *
 * @example
 * runScenario(scenario).failures; // [] when everything matched
 */
export function runScenario(input: unknown, fallbackName = 'scenario'): ScenarioResult {
  const parsed = scenarioSchema.safeParse(input);
  const rawName = typeof input === 'object' && input !== null ? (input as { name?: unknown }).name : undefined;
  const name = typeof rawName === 'string' && rawName !== '' ? rawName : fallbackName;
  if (!parsed.success) {
    return {
      name,
      passed: false,
      failures: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(scenario)'}: ${issue.message}`),
    };
  }
  const scenario: Scenario = parsed.data;
  const policy = safeParsePolicy(scenario.policy);
  if (!policy.success) {
    return { name, passed: false, failures: policy.issues.map((issue) => `policy.${issue.path.join('.')}: ${issue.message}`) };
  }
  const failures: string[] = [];
  try {
    // The moment is read here so that a bad one is named by the scenario's own field, `now`.
    asOf(scenario.now);
  } catch (error) {
    return { name, passed: false, failures: [`now: ${String((error as Error).message).replace(/^asOf: /, '')}`] };
  }
  try {
    const evaluation = evaluateAt(policy.data, builderOf(scenario), scenario.now);
    const expectedErrors = scenario.expect.errors ?? [];
    const unmatched = [...evaluation.errors];
    for (const wanted of expectedErrors) {
      const at = unmatched.findIndex(
        (error) =>
          (wanted.record === undefined || error.record === wanted.record) &&
          (wanted.code === undefined || error.code === wanted.code) &&
          (wanted.contactId === undefined || error.contactId === String(wanted.contactId)),
      );
      if (at === -1) failures.push(`expected an error ${JSON.stringify(wanted)}, none reported`);
      else unmatched.splice(at, 1);
    }
    for (const error of unmatched) {
      failures.push(
        `unexpected ${error.record} error (${error.code}) at ${PLURAL[error.record]}[${error.index}].${error.path.join('.')}: ${error.message}`,
      );
    }
    for (const wanted of scenario.expect.items ?? []) {
      const own = evaluation.itemsOf(wanted.contactId);
      const matching = wanted.cycleId === undefined ? own : own.filter((item) => item.cycleId === wanted.cycleId);
      const what = `${wanted.contactId}${wanted.cycleId ? ` / ${wanted.cycleId}` : ''}`;
      if (matching.length !== 1) {
        failures.push(
          matching.length === 0
            ? `${what}: no such item (${own.length > 0 ? `cycles: ${own.map((item) => item.cycleId).join(', ')}` : 'no items'})`
            : `${what}: ${matching.length} items (${matching.map((item) => item.cycleId).join(', ')}); give cycleId`,
        );
        continue;
      }
      const item = matching[0]!;
      const fields = ['tierId', 'status', 'dueOn', 'daysOverdue', 'escalation'] as const;
      for (const field of fields) {
        if (wanted[field] === undefined || wanted[field] === item[field]) continue;
        failures.push(`${what}: expected ${field} ${JSON.stringify(wanted[field])}, got ${JSON.stringify(item[field])}`);
      }
    }
    const callLists = scenario.expect.callLists ?? [];
    if (callLists.length > 0) {
      const from = startDate(evaluation);
      const lastDate = callLists
        .map((list) => list.date)
        .sort()
        .at(-1)!;
      const days = Math.max(
        scenario.plan?.days ?? 1,
        Math.round((Date.parse(`${lastDate}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1,
      );
      const planned = planFrom(evaluation, days, scenario.plan?.flexDays !== undefined ? { flexDays: scenario.plan.flexDays } : {});
      for (const wanted of callLists) {
        const list = callList(planned, String(wanted.ownerId), wanted.date);
        const actual = list.map((entry) => `${entry.contactId} / ${entry.cycles.map((cycle) => cycle.cycleId).join(' + ')}`);
        const expectedCalls = wanted.calls.map((call) =>
          typeof call === 'object'
            ? { contactId: String(call.contactId), cycleId: call.cycleId }
            : { contactId: String(call), cycleId: undefined },
        );
        const matches = (entry: (typeof list)[number], call: (typeof expectedCalls)[number]) =>
          entry.contactId === call.contactId &&
          (call.cycleId === undefined || entry.cycles.some((cycle) => cycle.cycleId === call.cycleId));
        const ok =
          wanted.exact === false
            ? expectedCalls.every((call) => list.some((entry) => matches(entry, call)))
            : list.length === expectedCalls.length && expectedCalls.every((call, index) => matches(list[index]!, call));
        if (!ok) {
          const wantedText = expectedCalls.map((call) => `${call.contactId}${call.cycleId ? ` / ${call.cycleId}` : ''}`).join(', ');
          failures.push(
            `${wanted.ownerId} on ${wanted.date}: expected ${wanted.exact === false ? 'a list with' : 'the list'} [${wantedText}], got [${actual.join(', ')}]`,
          );
        }
      }
    }
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
  }
  return { name, passed: failures.length === 0, failures };
}

function builderOf(scenario: Scenario): BookBuilder {
  let builder = book();
  for (const owner of scenario.owners ?? []) {
    const { id, ...fields } = owner;
    builder = builder.owner(id, fields);
  }
  for (const contact of scenario.contacts ?? []) {
    const { id, ...fields } = contact;
    builder = builder.contact(id, fields);
  }
  // A scenario's touch says exactly what was logged: no direction or outcome is filled in, and a
  // bad channel reaches evaluate, which reports it as a record error.
  for (const touch of scenario.touches ?? []) builder = builder.loggedTouch(touch as Omit<Touch, 'at'> & { at: string | number });
  for (const snooze of scenario.snoozes ?? []) builder = builder.snooze(snooze.contactId, snooze.cycleId, snooze.until);
  return builder;
}

/**
 * One line per scenario (`PASS name` or `FAIL name: what did not match; …`) and a closing line
 * `N passed, N failed`.
 *
 * @example
 * formatScenarioResults([{ name: 'key account', passed: true, failures: [] }]);
 * // 'PASS key account\n1 passed, 0 failed'
 */
export function formatScenarioResults(results: readonly ScenarioResult[]): string {
  const lines = results.map((entry) => {
    const where = entry.file !== undefined && entry.file !== entry.name ? ` (${entry.file})` : '';
    return entry.passed ? `PASS ${entry.name}${where}` : `FAIL ${entry.name}${where}: ${entry.failures.join('; ')}`;
  });
  const passed = results.filter((entry) => entry.passed).length;
  lines.push(`${passed} passed, ${results.length - passed} failed`);
  return lines.join('\n');
}

/**
 * What `compileSql` refuses: the policy parts it does not cover, each named by its policy path, and
 * the error that lists them. A refused part is never computed differently.
 */
import { type EpochDay, MS_PER_DAY, parseDate } from '../time/dates.js';
import { parseRule } from '../time/rrule.js';
import { InputError, type Issue, isCallingCycleError } from '../errors/errors.js';
import type { AnchoredCadence, Policy } from '../schema/policy.js';

/**
 * A policy part the SQL compiler does not cover: refused, never computed differently. `issues`
 * lists each part by its policy path.
 *
 * @example
 * catch (error) { if (error instanceof SqlUnsupportedError) console.log(error.issues.map((issue) => issue.path.join('.'))) }
 */
export class SqlUnsupportedError extends InputError {
  override name = 'SqlUnsupportedError';
  constructor(issues: readonly Issue[]) {
    super(
      `compileSql does not cover:\n${issues
        .map(
          (issue) =>
            `  ${issue.path
              .map((part) => (typeof part === 'number' ? `[${part}]` : `.${part}`))
              .join('')
              .slice(1)}: ${issue.message}`,
        )
        .join('\n')}`,
      issues,
    );
  }
}

/**
 * True for a `SqlUnsupportedError`, even one from another copy of the library (where
 * `instanceof` would not see it).
 *
 * @example
 * try { compileSql(policy, { dialect: 'postgres' }) } catch (error) { if (isSqlUnsupported(error)) for (const issue of error.issues) console.log(issue.path) }
 */
export function isSqlUnsupported(value: unknown): value is SqlUnsupportedError {
  return isCallingCycleError(value) && value.name === 'SqlUnsupportedError';
}

// Names go into JSON paths and messages: plain ones only, so no quoting rule of either dialect
// can change what they mean.
const PLAIN_NAME = /^[A-Za-z0-9_][A-Za-z0-9_ .:-]*$/;

/**
 * Every policy part `compileSql` refuses, by path.
 *
 * @example
 * const issues = coverageIssues(policy); // [{ code: 'sql-unsupported', path: ['tiers', 0, 'cycles', 1, 'cadence', 'anchor'], … }]
 */
export function coverageIssues(policy: Policy): Issue[] {
  const issues: Issue[] = [];
  policy.tiers.forEach((tier, tierIndex) => {
    tier.cycles.forEach((cycle, cycleIndex) => {
      const path = ['tiers', tierIndex, 'cycles', cycleIndex, 'cadence'];
      if ('rrule' in cycle.cadence) {
        const shape = anchorShape(cycle.cadence);
        if (shape.kind === 'refused') issues.push({ code: 'sql-unsupported', path: [...path, 'anchor'], message: shape.message });
        if (cycle.cadence.anchor !== undefined && shape.kind !== 'fixed' && !PLAIN_NAME.test(cycle.cadence.anchor)) {
          issues.push({
            code: 'sql-unsupported',
            path: [...path, 'anchor'],
            message: 'event names in SQL are letters, digits, _ . : - and spaces',
          });
        }
      }
      if ('after' in cycle.cadence && !PLAIN_NAME.test(cycle.cadence.after)) {
        issues.push({
          code: 'sql-unsupported',
          path: [...path, 'after'],
          message: 'event names in SQL are letters, digits, _ . : - and spaces',
        });
      }
    });
  });
  (policy.assign ?? []).forEach((rule, index) => {
    const attribute = rule.when && 'attribute' in rule.when ? rule.when.attribute : undefined;
    if (attribute !== undefined && !PLAIN_NAME.test(attribute)) {
      issues.push({
        code: 'sql-unsupported',
        path: ['assign', index, 'when', 'attribute'],
        message: 'attribute names in SQL are letters, digits, _ . : - and spaces',
      });
    }
    if (rule.top && !PLAIN_NAME.test(rule.top.by)) {
      issues.push({
        code: 'sql-unsupported',
        path: ['assign', index, 'top', 'by'],
        message: 'attribute names in SQL are letters, digits, _ . : - and spaces',
      });
    }
  });
  return issues;
}

/**
 * How the SQL reads an anchored rule's occurrences:
 * - `fixed`: a fixed anchor date: one series per zone in the occurrence table;
 * - `series`: anchored on each contact's createdAt or an event, on a rule whose dates do not
 *   depend on where it starts (INTERVAL 1, no COUNT, and a BYDAY, BYMONTHDAY, BYYEARDAY or
 *   BYWEEKNO, or FREQ=DAILY): one series per zone from the support tables' first day, read from
 *   the contact's anchor on;
 * - `interval`: anchored per contact on a plain FREQ=DAILY or FREQ=WEEKLY with an INTERVAL (COUNT
 *   or an UNTIL date allowed): every `days` days from the anchor, by day arithmetic;
 * - `refused`: anchored per contact on a rule whose dates come from its start (FREQ=MONTHLY
 *   without BYDAY takes the anchor's day of month): one series per contact.
 *
 * @example
 * anchorShape({ rrule: 'FREQ=WEEKLY;INTERVAL=2', anchor: 'closedWon' }) // { kind: 'interval', days: 14 }
 */
export function anchorShape(
  cadence: AnchoredCadence,
):
  | { kind: 'fixed' }
  | { kind: 'series' }
  | { kind: 'interval'; days: number; count: number | undefined; untilDay: EpochDay | undefined }
  | { kind: 'refused'; message: string } {
  if (cadence.anchor !== undefined && parseDate(cadence.anchor) !== undefined) return { kind: 'fixed' };
  const rule = parseRule(cadence.rrule);
  const setsDays = rule.byday !== undefined || rule.bymonthday !== undefined || rule.byyearday !== undefined || rule.byweekno !== undefined;
  const byParts =
    setsDays ||
    rule.bymonth !== undefined ||
    rule.bysetpos !== undefined ||
    rule.byhour !== undefined ||
    rule.byminute !== undefined ||
    rule.bysecond !== undefined;
  if (rule.interval === 1 && rule.count === undefined && (setsDays || rule.freq === 'DAILY')) return { kind: 'series' };
  if ((rule.freq === 'DAILY' || rule.freq === 'WEEKLY') && !byParts && rule.until?.kind !== 'instant') {
    return {
      kind: 'interval',
      days: rule.interval * (rule.freq === 'WEEKLY' ? 7 : 1),
      count: rule.count,
      untilDay: rule.until === undefined ? undefined : Math.floor(rule.until.ms / MS_PER_DAY),
    };
  }
  return {
    kind: 'refused',
    message:
      'a rule anchored on createdAt or an event compiles to SQL when its dates do not depend on its start (INTERVAL=1, no COUNT, and BYDAY, BYMONTHDAY, BYYEARDAY or BYWEEKNO, or FREQ=DAILY) or it is a plain FREQ=DAILY or FREQ=WEEKLY with an INTERVAL and no UNTIL instant; evaluate this cycle with evaluate()',
  };
}

/**
 * What `compileSql` refuses: the policy parts it does not cover, each named by its policy path, and
 * the error that lists them. A refused part is never computed differently.
 */
import { parseDate } from '../time/dates.js';
import { InputError, type Issue, isCallingCycleError } from '../errors/errors.js';
import type { Policy } from '../schema/policy.js';

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
      if ('rrule' in cycle.cadence && !(cycle.cadence.anchor !== undefined && parseDate(cycle.cadence.anchor) !== undefined)) {
        // The occurrence table holds one series per (rule, anchor, zone); a series per contact
        // (anchored on its createdAt or an event) would be a table as large as the book.
        issues.push({
          code: 'sql-unsupported',
          path: [...path, 'anchor'],
          message: 'anchored (RRULE) cadences compile to SQL only with a fixed anchor date; evaluate this cycle with evaluate()',
        });
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

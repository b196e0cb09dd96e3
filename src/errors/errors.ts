/**
 * One base class for everything the library throws, with two kinds below it: the caller's data is
 * wrong (`InputError`, and `PolicyError` for policies), or the library itself failed
 * (`InternalError`). `isCallingCycleError` recognises them across realms (worker threads, vm
 * contexts, duplicated bundles), where `instanceof` would not.
 */

const BRAND = Symbol.for('calling-cycle.error');

/** One problem found in an input: a machine-readable code, where it is, and what is wrong. */
export interface Issue {
  readonly code: string;
  /** Path into the input, e.g. `['tiers', 1, 'cycles', 0, 'cadence', 'every']`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
}

export class CallingCycleError extends Error {
  readonly [BRAND] = true;
  override name = 'CallingCycleError';
}

/** The caller's input is wrong. */
export class InputError extends CallingCycleError {
  override name = 'InputError';
  readonly issues: readonly Issue[];
  constructor(message: string, issues: readonly Issue[] = []) {
    super(message);
    this.issues = issues;
  }
}

/** A policy failed validation; `issues` lists every problem with its path. */
export class PolicyError extends InputError {
  override name = 'PolicyError';
  constructor(issues: readonly Issue[]) {
    super(`invalid policy:\n${issues.map((issue) => `  ${formatPath(issue.path)}: ${issue.message}`).join('\n')}`, issues);
  }
}

/** The library failed; please report it. */
export class InternalError extends CallingCycleError {
  override name = 'InternalError';
}

/**
 * True for any error thrown by calling-cycle, even one from another copy of the library.
 *
 * @example
 * try { parsePolicy(json) } catch (error) { if (isCallingCycleError(error)) show(error.message) }
 */
export function isCallingCycleError(value: unknown): value is CallingCycleError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** `['tiers', 1, 'cycles', 0]` → `tiers[1].cycles[0]`. */
export function formatPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : text === '' ? part : `.${part}`;
  return text === '' ? '(root)' : text;
}

/**
 * A small validator for the policy: the same verdicts, paths, codes and messages as the zod
 * schemas in `src/schema/zod/` (a property test holds the two together), at a fraction of the
 * weight. zod stays the policy's schema language, the source of its JSON Schemas and the
 * `calling-cycle/zod` export; the engine, which parses a policy on every `evaluate`, does not load
 * it: all of zod is 92 KB gzipped in a browser bundle and most of a cold start in Node.
 *
 * A check reads a value, appends what is wrong with it, and returns a fresh plain-data copy (the
 * input is never mutated or handed back). Like zod, a problem is `fatal` when the value's shape is
 * wrong (later refinements of the same value are skipped, a union option with one is ruled out);
 * a failed bound or refinement is not.
 */
import type { Issue } from '../errors/errors.js';

export type Path = (string | number)[];

/** An issue while checking: `fatal` as zod's "aborted", dropped from the issues reported. */
export interface Found {
  code: string;
  path: Path;
  message: string;
  fatal: boolean;
}

export type Check = (value: unknown, path: Path, found: Found[]) => unknown;

/** A refinement of a value whose type is right: returns the problem, or undefined. */
export type Refinement<T> = (value: T) => { code: string; message: string; fatal?: boolean } | undefined;

export const OPTIONAL = Symbol('optional');
/** A check that also accepts undefined (an absent key). */
export type OptionalCheck = Check & { [OPTIONAL]: true };

/** zod's name for the type of a value, as in "expected string, received array". */
function received(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? 'number' : String(value);
  if (typeof value !== 'object') return typeof value;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && 'constructor' in value && value.constructor) return (value.constructor as { name: string }).name;
  return 'object';
}

const quote = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value));

function expected(type: string, value: unknown, path: Path, found: Found[], message?: string): void {
  found.push({ code: 'invalid_type', path, message: message ?? `Invalid input: expected ${type}, received ${received(value)}`, fatal: true });
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Runs refinements while no fatal problem has been found since `start`. */
function refine<T>(value: T, refinements: readonly Refinement<T>[], path: Path, found: Found[], start: number): void {
  for (const refinement of refinements) {
    if (found.slice(start).some((issue) => issue.fatal)) return;
    const problem = refinement(value);
    if (problem) found.push({ code: problem.code, path, message: problem.message, fatal: problem.fatal === true });
  }
}

/**
 * A length bound (zod's `.min(n)` on strings and arrays) runs on anything with a length, even
 * after the type was found wrong: an empty array where a string belongs gets both problems.
 */
function lengthAtLeast(min: number, value: unknown, path: Path, found: Found[], message?: string): void {
  const length = (value as { length?: unknown } | null | undefined)?.length;
  if (typeof length !== 'number' || length >= min) return;
  const text =
    typeof value === 'string'
      ? `Too small: expected string to have >=${min} characters`
      : Array.isArray(value)
        ? `Too small: expected array to have >=${min} items`
        : `Too small: expected unknown to be >=${min}`;
  found.push({ code: 'too_small', path, message: message ?? text, fatal: false });
}

export interface LengthOptions {
  min?: number;
  minMessage?: string;
}

export function string(options: LengthOptions = {}, ...refinements: Refinement<string>[]): Check {
  return (value, path, found) => {
    const start = found.length;
    if (typeof value !== 'string') expected('string', value, path, found);
    if (options.min !== undefined) lengthAtLeast(options.min, value, path, found, options.minMessage);
    if (typeof value === 'string') refine(value, refinements, path, found, start);
    return value;
  };
}

export interface NumberOptions {
  /** Whole numbers only (zod's `.int()`), with this message when not. */
  int?: string | true;
  min?: [bound: number, inclusive: boolean, message?: string];
  max?: [bound: number, message?: string];
}

export function number(options: NumberOptions = {}): Check {
  const refinements: Refinement<number>[] = [];
  if (options.int !== undefined) {
    const message = options.int === true ? 'Invalid input: expected int, received number' : options.int;
    refinements.push((n) => (Number.isInteger(n) ? undefined : { code: 'invalid_type', message, fatal: true }));
    refinements.push((n) => {
      if (Number.isSafeInteger(n) || !Number.isInteger(n)) return undefined;
      // zod gives a whole-number check's own message to its safe-range problems too.
      const own = options.int === true ? undefined : options.int;
      return n > 0
        ? { code: 'too_big', message: own ?? `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}` }
        : { code: 'too_small', message: own ?? `Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}` };
    });
  }
  const min = options.min;
  if (min) {
    const [bound, inclusive, message] = min;
    refinements.push((n) =>
      (inclusive ? n >= bound : n > bound)
        ? undefined
        : { code: 'too_small', message: message ?? `Too small: expected number to be ${inclusive ? '>=' : '>'}${bound}` },
    );
  }
  const max = options.max;
  if (max) {
    const [bound, message] = max;
    refinements.push((n) => (n <= bound ? undefined : { code: 'too_big', message: message ?? `Too big: expected number to be <=${bound}` }));
  }
  return (value, path, found) => {
    const start = found.length;
    if (typeof value !== 'number' || !Number.isFinite(value)) expected('number', value, path, found);
    else refine(value, refinements, path, found, start);
    return value;
  };
}

export const boolean: Check = (value, path, found) => {
  if (typeof value !== 'boolean') expected('boolean', value, path, found);
  return value;
};

/** One of a few strings (zod's `z.enum`) or one value (`z.literal`, with its own message). */
export function oneOf(values: readonly (string | number)[], message?: string): Check {
  return (value, path, found) => {
    if (!values.includes(value as string | number)) {
      const text =
        message ??
        (values.length === 1 ? `Invalid input: expected ${quote(values[0])}` : `Invalid option: expected one of ${values.map(quote).join('|')}`);
      found.push({ code: 'invalid_value', path, message: text, fatal: true });
    }
    return value;
  };
}

export function optional(check: Check): OptionalCheck {
  const wrapped: Check = (value, path, found) => (value === undefined ? undefined : check(value, path, found));
  return Object.assign(wrapped, { [OPTIONAL]: true as const });
}

export function array(item: Check, options: LengthOptions = {}): Check {
  return (value, path, found) => {
    if (!Array.isArray(value)) {
      expected('array', value, path, found);
      if (options.min !== undefined) lengthAtLeast(options.min, value, path, found, options.minMessage);
      return value;
    }
    const copy = Array.from(value, (element, index) => item(element, [...path, index], found));
    if (options.min !== undefined) lengthAtLeast(options.min, value, path, found, options.minMessage);
    return copy;
  };
}

/**
 * An object with these keys and no others (zod's `z.strictObject`): every key is checked, then the
 * unknown ones are listed in one issue, which is not fatal; then the refinements run.
 */
export function strictObject(shape: Record<string, Check>, ...refinements: Refinement<Record<string, unknown>>[]): Check {
  const keys = Object.keys(shape);
  return (value, path, found) => {
    if (!isObject(value)) {
      expected('object', value, path, found);
      return value;
    }
    const start = found.length;
    const copy: Record<string, unknown> = {};
    for (const key of keys) {
      const check = shape[key]!;
      const present = key in value;
      const result = check(value[key], [...path, key], found);
      if (present || !(OPTIONAL in check)) copy[key] = result;
    }
    const unknown: string[] = [];
    for (const key in value) if (!Object.hasOwn(shape, key)) unknown.push(key);
    if (unknown.length > 0) {
      const listed = unknown.map(quote).join(', ');
      found.push({ code: 'unrecognized_keys', path, message: `Unrecognized key${unknown.length > 1 ? 's' : ''}: ${listed}`, fatal: false });
    }
    refine(copy, refinements, path, found, start);
    return copy;
  };
}

/** Named entries (zod's `z.record`): keys must pass `key`, values `entry`. */
export function record(key: Check, entry: Check): Check {
  return (value, path, found) => {
    if (!isPlainObject(value)) {
      expected('record', value, path, found);
      return value;
    }
    const copy: Record<string, unknown> = {};
    for (const name of Reflect.ownKeys(value)) {
      if (name === '__proto__' || !Object.prototype.propertyIsEnumerable.call(value, name)) continue;
      const keyFound: Found[] = [];
      key(name, [], keyFound);
      if (keyFound.length > 0 || typeof name === 'symbol') {
        found.push({ code: 'invalid_key', path: typeof name === 'symbol' ? path : [...path, name], message: 'Invalid key in record', fatal: true });
        continue;
      }
      copy[name] = entry((value as Record<string, unknown>)[name], [...path, name], found);
    }
    return copy;
  };
}

function isPlainObject(value: unknown): value is object {
  if (!isObject(value)) return false;
  const maker = (value as { constructor?: unknown }).constructor;
  if (maker === undefined || typeof maker !== 'function') return true;
  const prototype: unknown = maker.prototype;
  return isObject(prototype) && Object.hasOwn(prototype, 'isPrototypeOf');
}

/**
 * The first option that fits; otherwise, when only one option failed on bounds or refinements
 * rather than shape, its problems; otherwise one "Invalid input" (zod's `z.union`).
 */
export function union(options: readonly Check[]): Check {
  return (value, path, found) => {
    const results = options.map((option) => {
      const own: Found[] = [];
      return { output: option(value, path, own), found: own };
    });
    const fit = results.find((result) => result.found.length === 0);
    if (fit) return fit.output;
    const close = results.filter((result) => !result.found.some((issue) => issue.fatal));
    if (close.length === 1) {
      found.push(...close[0]!.found);
      return close[0]!.output;
    }
    found.push({ code: 'invalid_union', path, message: 'Invalid input', fatal: true });
    return value;
  };
}

/** Runs a check and reports its problems as issues, or the copy it made. */
export function run<T>(check: Check, value: unknown): { data: T; issues: Issue[] } {
  const found: Found[] = [];
  const data = check(value, [], found) as T;
  return { data, issues: found.map(({ code, path, message }) => ({ code, path, message })) };
}

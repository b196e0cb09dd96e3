/**
 * Text every output can carry. A JavaScript string may hold a lone UTF-16 surrogate (JSON allows
 * `"\ud800"`), which no UTF-8 file, URL, CSV, iCalendar or database text can hold: written, it
 * turns into U+FFFD or makes the writer throw. Ids are refused at intake when they hold one
 * (`bad-id`, docs/errors.md), so no output ever meets them.
 */

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether a string can be written as UTF-8 as it is: it holds no lone surrogate.
 *
 * @example
 * isWellFormedText('Zoë 👋'); // true
 * isWellFormedText('a\ud800'); // false
 */
export function isWellFormedText(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

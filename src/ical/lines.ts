/**
 * RFC 5545 content lines: TEXT escaping, parameter quoting and folding at 75 octets.
 *
 * Folding counts octets of UTF-8, not characters (section 3.1): a line of accented or CJK text
 * reaches 75 octets long before 75 characters. A fold never falls inside a character's bytes, so
 * every line stays valid UTF-8 and a reader that unfolds gets the text back unchanged.
 */

const MAX_OCTETS = 75;

/** UTF-8 length of one code point. */
function octets(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * A TEXT value (section 3.3.11): backslash, semicolon and comma escaped, each line break as `\n`.
 * Other control characters are not allowed in TEXT and are left out.
 *
 * @example
 * escapeText('Smith, Jones; 2\nlines') // 'Smith\\, Jones\\; 2\\nlines'
 */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: RFC 5545 TEXT excludes control characters; this removes them.
      .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
  );
}

/**
 * A parameter value, quoted when it holds `:`, `;` or `,` (section 3.2); `"` cannot appear in one.
 *
 * @example
 * parameterValue('Europe/Berlin') // 'Europe/Berlin'
 */
export function parameterValue(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: parameter values exclude control characters; this removes them.
  const clean = value.replace(/["\u0000-\u001F\u007F]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/**
 * One content line folded to at most 75 octets per physical line: a fold is CRLF followed by one
 * space, which counts towards the next line's 75.
 *
 * @example
 * fold(`SUMMARY:${'日'.repeat(30)}`) // 'SUMMARY:' + 22 × 日 (74 octets), CRLF, ' ' + 8 × 日
 */
export function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  let limit = MAX_OCTETS;
  for (const character of line) {
    const length = octets(character.codePointAt(0)!);
    if (size + length > limit) {
      parts.push(current);
      current = ' ';
      size = 1;
      limit = MAX_OCTETS;
    }
    current += character;
    size += length;
  }
  parts.push(current);
  return parts.join('\r\n');
}

/**
 * A property as a folded content line: `NAME;PARAM=value:VALUE`. The value must already be escaped.
 *
 * @example
 * contentLine('DUE', '20261130', { VALUE: 'DATE' }) // 'DUE;VALUE=DATE:20261130'
 */
export function contentLine(name: string, value: string, parameters: Record<string, string> = {}): string {
  let head = name;
  for (const [key, parameter] of Object.entries(parameters)) head += `;${key}=${parameterValue(parameter)}`;
  return fold(`${head}:${value}`);
}

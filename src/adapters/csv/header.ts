/**
 * A CSV's header row: which column holds each field, found by its exact name or loosely
 * (`Time Zone` = `timeZone`), and which header cells no field was read from.
 */
import { InputError } from '../../errors/errors.js';

/**
 * Header lookup: exact name first, then the same letters and digits in any case (`Time Zone` = `timeZone`).
 *
 * @example
 * new Header(['id', 'Time Zone']).find('timeZone') // 1
 */
export class Header {
  readonly names: string[];
  private readonly used = new Set<number>();
  private readonly exact = new Map<string, number>();
  private readonly loose = new Map<string, number>();

  constructor(names: string[]) {
    this.names = names;
    names.forEach((name, position) => {
      if (this.exact.has(name)) throw new InputError(`CSV header names the column ${JSON.stringify(name)} twice`);
      this.exact.set(name, position);
      const key = looseName(name);
      if (!this.loose.has(key)) this.loose.set(key, position);
    });
  }

  // Rows ask for the same few columns again and again: each answer is worked out once.
  private readonly found = new Map<string, number | undefined>();

  /** Whether a column of that name exists, without marking it used. */
  has(name: string): boolean {
    return this.exact.has(name) || this.loose.has(looseName(name));
  }

  /** The position of a column, marking it used. */
  find(name: string): number | undefined {
    if (this.found.has(name)) return this.found.get(name);
    const position = this.exact.get(name) ?? this.loose.get(looseName(name));
    if (position !== undefined) this.used.add(position);
    this.found.set(name, position);
    return position;
  }

  /** Columns whose header starts with `prefix` (`attributes.`), by the rest of their name. */
  prefixed(prefix: string): [string, number][] {
    const found: [string, number][] = [];
    this.names.forEach((name, position) => {
      if (name.length > prefix.length && name.toLowerCase().startsWith(prefix.toLowerCase())) {
        found.push([name.slice(prefix.length), position]);
        this.used.add(position);
      }
    });
    return found;
  }

  ignored(): string[] {
    return this.names.filter((_, position) => !this.used.has(position));
  }
}

/**
 * Looks the fields' columns up once, so a file without rows still reports which headers it ignores.
 *
 * @example
 * markUsed(header, ['ownerId', 'timeZone']);
 * header.ignored() // the header cells no field reads
 */
export function markUsed(header: Header, columns: readonly string[]): void {
  for (const column of columns) header.find(column);
}

const looseName = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The CSV flags without zod: the fields `--column` may name (csv-flags.ts, loaded for any CSV
 * flag) are the fields the mapping file's schema takes (csv-mapping.ts, loaded with --mapping
 * only), so the two ways to map a column cannot drift apart.
 */
import { describe, expect, it } from 'vitest';
import { COLUMN_FIELDS } from '../../src/cli/csv-flags.js';
import { MAPPING_COLUMNS } from '../../src/cli/csv-mapping.js';

describe('--column and --mapping take the same fields', () => {
  for (const collection of ['contacts', 'touches', 'owners'] as const) {
    it(collection, () => {
      const schema = Object.keys(MAPPING_COLUMNS[collection].shape).filter((key) => key !== 'attributes' && key !== 'events');
      expect([...COLUMN_FIELDS[collection]].sort()).toEqual(schema.sort());
    });
  }
});

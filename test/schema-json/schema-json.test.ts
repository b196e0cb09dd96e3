import { readdirSync, readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { safeParsePolicy } from '../../src/index.js';
import { policyPartSchemas } from '../../src/schema/zod/policy.js';
import { JSON_SCHEMA_NAMES, type JsonSchema, type JsonSchemaName, jsonSchemaFor } from '../../src/schema-json/index.js';
import { policyTexts } from '../../src/schema-json/descriptions.js';

const dataDir = new URL('../../examples/data/', import.meta.url);
const readData = (name: string): unknown => JSON.parse(readFileSync(new URL(name, dataDir), 'utf8'));

function validator(name: JsonSchemaName) {
  // strict: an unknown keyword in the generated schema is an error, not silently ignored. Union
  // types (`"type": ["string", "number"]`) are standard JSON Schema that ajv's strict mode asks to allow.
  return new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(jsonSchemaFor(name));
}

describe('JSON Schemas', () => {
  it.each(JSON_SCHEMA_NAMES)('%s is a 2020-12 schema ajv compiles in strict mode, with a title', (name) => {
    const schema = jsonSchemaFor(name);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(typeof schema.title).toBe('string');
    expect(() => validator(name)).not.toThrow();
  });

  const policyFiles = readdirSync(dataDir).filter((file) => /policy.*\.json$/.test(file));

  it('finds the example policies', () => {
    expect(policyFiles).toEqual(expect.arrayContaining(['policy.json', 'embed-policy.json']));
  });

  it.each(policyFiles)('accepts the example policy %s', (file) => {
    const validate = validator('policy');
    const policy = readData(file);
    expect(safeParsePolicy(policy).success).toBe(true);
    expect(validate(policy), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ['contact', 'contacts.json'],
    ['touch', 'touches.json'],
    ['owner', 'owners.json'],
    ['snooze', 'snoozes.json'],
  ] as const)('accepts every %s in examples/data/%s', (name, file) => {
    const validate = validator(name);
    const records = readData(file) as unknown[];
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
  });

  it('models every cadence kind, and refuses a cadence of two kinds or of none', () => {
    const validate = validator('policy');
    const withCadence = (cadence: unknown) => ({
      version: 1,
      tiers: [{ id: 'A', cycles: [{ id: 'c', cadence }] }],
    });
    for (const cadence of [
      { every: 'P14D' },
      { rrule: 'FREQ=MONTHLY;BYDAY=1TU', anchor: '2026-01-01', earlyDays: 3 },
      { rrule: 'FREQ=YEARLY', anchor: 'contractStart' },
      { per: 'quarter', times: 1 },
      { after: 'closedWon', at: ['P7D', 'P30D'] },
    ]) {
      expect(validate(withCadence(cadence)), JSON.stringify(cadence)).toBe(true);
    }
    for (const cadence of [
      {},
      { every: 'P14D', per: 'month', times: 1 },
      { every: '14 days' },
      { per: 'fortnight', times: 1 },
      'P14D',
      { rrule: 'FREQ=YEARLY', anchor: '2026-02-30' },
    ]) {
      expect(validate(withCadence(cadence)), JSON.stringify(cadence)).toBe(false);
    }
  });

  it('says where a policy is wrong, as ajv paths', () => {
    const validate = validator('policy');
    const policy = { version: 1, tiers: [{ id: 'A', cycles: [{ id: 'c', cadence: { every: 'P14D' }, graceDays: -1 }] }] };
    expect(validate(policy)).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath)).toContain('/tiers/0/cycles/0/graceDays');
  });

  it('dates follow the Gregorian calendar, leap years included', () => {
    const validate = validator('snooze');
    const snooze = (until: string) => ({ contactId: 'c1', cycleId: 'x', until });
    for (const date of ['2024-02-29', '2000-02-29', '2026-12-31', '2026-04-30']) expect(validate(snooze(date)), date).toBe(true);
    for (const date of ['1900-02-29', '2026-02-29', '2026-04-31', '2026-13-01', '2026-1-01', '2026-02-00'])
      expect(validate(snooze(date)), date).toBe(false);
  });

  it('describes every field of every policy part', () => {
    for (const [name, schema] of Object.entries(policyPartSchemas)) {
      const text = policyTexts[name];
      expect(text, name).toBeDefined();
      expect(Object.keys(text!.fields).sort(), name).toEqual(Object.keys(schema.shape).sort());
    }
    const policy = jsonSchemaFor('policy');
    const properties = policy.properties as Record<string, JsonSchema>;
    expect(properties.tiers?.description).toMatch(/tier/);
    const defs = policy.$defs as Record<string, JsonSchema>;
    expect(Object.keys(defs)).toEqual(expect.arrayContaining(['RollingCadence', 'AnchoredCadence', 'QuotaCadence', 'MilestoneCadence']));
    expect(defs.QuotaCadence?.title).toBe('Quota cadence');
  });

  it('returns a fresh document each time, so a caller may change it', () => {
    const first = jsonSchemaFor('policy');
    first.title = 'changed';
    expect(jsonSchemaFor('policy').title).not.toBe('changed');
  });
});

describe('scripts/build-schemas.ts', () => {
  it('writes one file per schema, equal to the generated schema', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { execFileSync } = await import('node:child_process');
    const out = mkdtempSync(join(tmpdir(), 'cc-schema-'));
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-schemas.ts', out], { stdio: 'pipe' });
      for (const name of JSON_SCHEMA_NAMES) {
        expect(JSON.parse(readFileSync(join(out, `${name}.json`), 'utf8'))).toEqual(jsonSchemaFor(name));
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

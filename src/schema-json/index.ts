/**
 * JSON Schemas (draft 2020-12) of the wire format, generated from the zod schemas in src/schema so
 * the two cannot drift: a policy editor, a Python service or a database check can validate the
 * same JSON calling-cycle reads. zod cannot see inside the cadence (one value, four kinds, told
 * apart by their key), so the generator writes it out as a `oneOf` of the four kinds; the few
 * rules JSON Schema cannot say are listed in `POLICY_RULES_BEYOND_JSON_SCHEMA` and docs/cli.md.
 */
import { z } from 'zod';
import { policyPartSchemas, policySchema } from '../schema/zod/policy.js';
import { contactSchema, ownerSchema, snoozeSchema, touchSchema } from '../schema/zod/records.js';
import { scenarioFileSchema } from '../schema/zod/scenario.js';
import { type PartText, policyTexts, recordTexts } from './descriptions.js';

/** The schemas calling-cycle ships, by file name (`schema/<name>.json`). */
export const JSON_SCHEMA_NAMES = ['policy', 'contact', 'touch', 'owner', 'snooze', 'scenario'] as const;
export type JsonSchemaName = (typeof JSON_SCHEMA_NAMES)[number];

/** A JSON Schema document: plain JSON. */
export type JsonSchema = { [key: string]: unknown };

/**
 * What `safeParsePolicy` checks that a JSON Schema cannot say: each relates two places in the
 * document, or needs a time-zone database or an RRULE parser. Everything else agrees.
 */
export const POLICY_RULES_BEYOND_JSON_SCHEMA = [
  'tier ids are unique; cycle ids are unique within their tier',
  'calendar, defaultTier, assign[].tier and shares[].tiers name a tier or calendar the policy defines',
  'a tier is in at most one capacity share, and the shares add up to at most 1',
  'timeZone is a known IANA time zone',
  'an anchored cadence’s rrule is valid RFC 5545 (FREQ=DAILY or coarser, with an occurrence within 400 years)',
  'a duration (cadence, first-touch window, milestone offset, lapse) is at most ten years (3653 days): the pattern checks its form only',
] as const;

// A real calendar date YYYY-MM-DD, leap years included, as parseDate reads it (years 0000–9999).
const DAY_OF_MONTH = '(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))';
const LEAP_YEAR = '(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)';
const DATE = `(?:[0-9]{4}-${DAY_OF_MONTH}|${LEAP_YEAR}-02-29)`;
/** `YYYY-MM-DD`, a real calendar date. */
export const DATE_PATTERN = `^${DATE}$`;
/** An ISO 8601 duration of years, months, weeks and days, at least one part (`P14D`, `P1Y6M`). */
export const DURATION_PATTERN = '^P(?!$)(?:[0-9]+Y)?(?:[0-9]+M)?(?:[0-9]+W)?(?:[0-9]+D)?$';
/** An ISO 8601 instant with an offset or `Z`, as calling-cycle reads it (ranges checked apart). */
export const INSTANT_PATTERN =
  '^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]{1,9})?)?(?:Z|z|[+-][0-9]{2}(?::?[0-9]{2})?)$';
const INSTANT_FORMAT = INSTANT_PATTERN.slice(1, -1);
/** An anchor: a date, or a contact event name (which cannot start with a digit). */
const ANCHOR_PATTERN = `^(?:[^0-9][\\s\\S]*|${DATE})$`;

type AnyZod = z.ZodType;

/** Strips optional and nullable wrappers: the schema a field holds when present. */
function base(schema: AnyZod): AnyZod {
  let current: AnyZod = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap() as AnyZod;
  return current;
}

function elementOf(schema: AnyZod): AnyZod | undefined {
  const inner = base(schema);
  return inner instanceof z.ZodArray ? (inner.element as AnyZod) : undefined;
}

function recordValueOf(schema: AnyZod): AnyZod | undefined {
  const inner = base(schema);
  return inner instanceof z.ZodRecord ? (inner.valueType as AnyZod) : undefined;
}

const parts = policyPartSchemas;
const cadenceKinds = [
  ['RollingCadence', parts['Cadence: rolling'], 'Cadence: rolling'],
  ['AnchoredCadence', parts['Cadence: anchored'], 'Cadence: anchored'],
  ['QuotaCadence', parts['Cadence: quota'], 'Cadence: quota'],
  ['MilestoneCadence', parts['Cadence: milestones'], 'Cadence: milestones'],
] as const;
const cadenceSchema = parts.Cycle.shape.cadence as AnyZod;

/**
 * zod schemas whose refinements have a JSON Schema form: found by identity in the schema tree,
 * so a field added with the same building block gets the same pattern.
 */
function patternsByIdentity(): Map<AnyZod, JsonSchema> {
  const found = new Map<AnyZod, JsonSchema>();
  const add = (schema: AnyZod | undefined, extra: JsonSchema) => {
    if (schema) found.set(schema, extra);
  };
  add(base(parts['Cadence: rolling'].shape.every as AnyZod), { pattern: DURATION_PATTERN });
  add(elementOf(parts.Calendar.shape.holidays as AnyZod), { pattern: DATE_PATTERN });
  add(base(parts['Cadence: anchored'].shape.anchor as AnyZod), { pattern: ANCHOR_PATTERN });
  const dateOrInstant = { pattern: `^(?:${DATE}|${INSTANT_FORMAT})$` };
  add(base(contactSchema.shape.pausedUntil as AnyZod), dateOrInstant);
  add(recordValueOf(contactSchema.shape.events as AnyZod), dateOrInstant);
  add(base(snoozeSchema.shape.until as AnyZod), dateOrInstant);
  add(base(touchSchema.shape.at as AnyZod), { pattern: INSTANT_PATTERN });
  add(base(contactSchema.shape.createdAt as AnyZod), { pattern: INSTANT_PATTERN });
  return found;
}

/** Texts of each object schema, found by identity. */
function textsByIdentity(): Map<AnyZod, PartText> {
  const found = new Map<AnyZod, PartText>();
  for (const [name, schema] of Object.entries(parts)) {
    const text = policyTexts[name];
    if (text) found.set(schema as AnyZod, text);
  }
  // policySchema is the policy object with its cross-reference checks on top.
  found.set(policySchema as AnyZod, policyTexts.Policy!);
  found.set(contactSchema as AnyZod, recordTexts.contact);
  found.set(touchSchema as AnyZod, recordTexts.touch);
  found.set(ownerSchema as AnyZod, recordTexts.owner);
  found.set(snoozeSchema as AnyZod, recordTexts.snooze);
  return found;
}

/** Adds a pattern to a string schema, or to the string branch of a string-or-something one. */
function withPattern(json: JsonSchema, extra: JsonSchema): void {
  if (json.type === 'string') Object.assign(json, extra);
  else if (Array.isArray(json.anyOf)) {
    json.anyOf = (json.anyOf as JsonSchema[]).map((branch) => (branch.type === 'string' ? { ...branch, ...extra } : branch));
  }
}

// A JavaScript Date is accepted by the library but never appears in JSON: its branch is dropped.
const NOT_IN_JSON = 'x-not-in-json';

/** Drops the Date branches of unions (marked during conversion), collapsing a single survivor. */
function dropNonJsonBranches(json: unknown): void {
  if (Array.isArray(json)) {
    for (const item of json) dropNonJsonBranches(item);
    return;
  }
  if (json === null || typeof json !== 'object') return;
  const node = json as JsonSchema;
  if (Array.isArray(node.anyOf)) {
    const kept = (node.anyOf as JsonSchema[]).filter((branch) => branch[NOT_IN_JSON] !== true);
    if (kept.length === 1) {
      delete node.anyOf;
      Object.assign(node, { ...kept[0], ...node });
    } else node.anyOf = kept;
  }
  for (const value of Object.values(node)) dropNonJsonBranches(value);
}

interface Decorations {
  readonly patterns: Map<AnyZod, JsonSchema>;
  readonly texts: Map<AnyZod, PartText>;
}

/** The one schema a wrapper, array or record holds, with its place in the JSON Schema. */
function innerOf(zodSchema: AnyZod, json: JsonSchema): { zodSchema: AnyZod; json: JsonSchema } | undefined {
  if (zodSchema instanceof z.ZodOptional) return { zodSchema: zodSchema.unwrap() as AnyZod, json };
  if (zodSchema instanceof z.ZodNullable) {
    const branch = (json.anyOf as JsonSchema[] | undefined)?.find((candidate) => candidate.type !== 'null');
    return { zodSchema: zodSchema.unwrap() as AnyZod, json: branch ?? json };
  }
  if (zodSchema instanceof z.ZodArray && json.items) return { zodSchema: zodSchema.element as AnyZod, json: json.items as JsonSchema };
  if (zodSchema instanceof z.ZodRecord && typeof json.additionalProperties === 'object') {
    return { zodSchema: zodSchema.valueType as AnyZod, json: json.additionalProperties as JsonSchema };
  }
  return undefined;
}

/**
 * Walks a zod schema and its JSON Schema side by side, adding what zod cannot derive from the
 * refinements (patterns) and the titles and descriptions. Working on the finished document keeps
 * this independent of the order zod visits schemas in.
 */
function decorate(zodSchema: AnyZod, json: JsonSchema, decorations: Decorations): void {
  if (zodSchema === cadenceSchema) return;
  const pattern = decorations.patterns.get(zodSchema);
  if (pattern) withPattern(json, pattern);
  const inner = innerOf(zodSchema, json);
  if (inner) {
    decorate(inner.zodSchema, inner.json, decorations);
    return;
  }
  if (zodSchema instanceof z.ZodUnion && Array.isArray(json.anyOf)) {
    const options = zodSchema.options as readonly AnyZod[];
    (json.anyOf as JsonSchema[]).forEach((branch, index) => {
      if (options[index]) decorate(options[index], branch, decorations);
    });
    return;
  }
  if (zodSchema instanceof z.ZodObject && json.properties) {
    const text = decorations.texts.get(zodSchema);
    if (text) {
      json.title = text.title;
      json.description = text.description;
    }
    const properties = json.properties as Record<string, JsonSchema>;
    for (const [key, fieldSchema] of Object.entries(zodSchema.shape as Record<string, AnyZod>)) {
      if (!properties[key]) continue;
      const description = text?.fields[key];
      // A fresh object per place: zod may share one JSON object between the places a zod schema
      // appears, and a field's meaning depends on its place.
      properties[key] = description ? { description, ...properties[key] } : { ...properties[key] };
      decorate(fieldSchema, properties[key], decorations);
    }
    if (zodSchema === parts['Assign rule']) json.anyOf = ['when', 'top'].map((key) => ({ properties: { [key]: true }, required: [key] }));
  }
}

function convert(schema: AnyZod): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    // The schema of what a CRM writes, not of what parsePolicy returns.
    io: 'input',
    // Dates are marked and dropped below; the cadence is written out as its four kinds.
    unrepresentable: 'any',
    override: (context) => {
      const zodSchema = context.zodSchema as unknown as AnyZod;
      const json = context.jsonSchema as JsonSchema;
      if (zodSchema instanceof z.ZodDate) json[NOT_IN_JSON] = true;
      if (zodSchema === cadenceSchema) {
        for (const key of Object.keys(json)) delete json[key];
        json.description = policyTexts.Cycle!.fields.cadence;
        json.oneOf = cadenceKinds.map(([name]) => ({ $ref: `#/$defs/${name}` }));
      }
    },
  }) as JsonSchema;
  dropNonJsonBranches(json);
  decorate(schema, json, { patterns: patternsByIdentity(), texts: textsByIdentity() });
  return json;
}

/** The policy, with the four cadence kinds the override refers to under `$defs`. */
function convertWithCadence(schema: AnyZod): JsonSchema {
  const json = convert(schema);
  const cadenceDefs: Record<string, JsonSchema> = {};
  for (const [name, kind] of cadenceKinds) {
    const { $schema: _ignored, ...rest } = convert(kind as AnyZod);
    cadenceDefs[name] = rest;
  }
  return { ...json, $defs: { ...((json.$defs as JsonSchema | undefined) ?? {}), ...cadenceDefs } };
}

/**
 * The JSON Schema (draft 2020-12) of one part of the wire format, as plain JSON.
 *
 * @example
 * import Ajv2020 from 'ajv/dist/2020.js';
 * const validate = new Ajv2020().compile(jsonSchemaFor('policy'));
 * validate(JSON.parse(policyText)); // true or false, with validate.errors
 */
export function jsonSchemaFor(name: JsonSchemaName): JsonSchema {
  switch (name) {
    case 'policy':
      return convertWithCadence(policySchema as AnyZod);
    case 'contact':
      return convert(contactSchema as AnyZod);
    case 'touch':
      return convert(touchSchema as AnyZod);
    case 'owner':
      return convert(ownerSchema as AnyZod);
    case 'snooze':
      return convert(snoozeSchema as AnyZod);
    case 'scenario':
      // The testing kit's scenario files (`calling-cycle test <dir>`): one scenario or a list.
      return {
        ...convert(scenarioFileSchema as unknown as AnyZod),
        title: 'calling-cycle scenario file',
        description: 'One scenario, or a list of them: a policy, records, a moment and what should come out.',
      };
  }
}

/**
 * True when `name` is one of the shipped schema names.
 *
 * @example
 * isJsonSchemaName('policy'); // true
 */
export function isJsonSchemaName(name: string): name is JsonSchemaName {
  return (JSON_SCHEMA_NAMES as readonly string[]).includes(name);
}

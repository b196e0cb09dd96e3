/**
 * JSON Schemas of the request bodies the adapter writes, transcribed for these tests from HubSpot's
 * published OpenAPI specs (CRM tasks v3: BatchInputSimplePublicObjectBatchInputUpsert,
 * BatchInputSimplePublicObjectBatchInputForCreate, BatchInputSimplePublicObjectId,
 * PublicAssociationsForObject, AssociationSpec;
 * associations v4 batch create). `additionalProperties: false` is added where the spec lists every
 * field, so a field HubSpot does not take (associations on an upsert) fails the test.
 */
const associationSpec = {
  type: 'object',
  required: ['associationCategory', 'associationTypeId'],
  additionalProperties: false,
  properties: {
    associationCategory: { type: 'string', enum: ['HUBSPOT_DEFINED', 'INTEGRATOR_DEFINED', 'USER_DEFINED', 'WORK'] },
    associationTypeId: { type: 'integer' },
  },
} as const;

const publicObjectId = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  properties: { id: { type: 'string' } },
} as const;

const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;

export const batchUpsertSchema = {
  type: 'object',
  required: ['inputs'],
  additionalProperties: false,
  properties: {
    inputs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'properties'],
        additionalProperties: false,
        properties: {
          id: { type: 'string' },
          idProperty: { type: 'string' },
          objectWriteTraceId: { type: 'string' },
          properties: stringMap,
        },
      },
    },
  },
} as const;

export const batchCreateSchema = {
  type: 'object',
  required: ['inputs'],
  additionalProperties: false,
  properties: {
    inputs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['associations', 'properties'],
        additionalProperties: false,
        properties: {
          associations: {
            type: 'array',
            items: {
              type: 'object',
              required: ['to', 'types'],
              additionalProperties: false,
              properties: { to: publicObjectId, types: { type: 'array', items: associationSpec } },
            },
          },
          objectWriteTraceId: { type: 'string' },
          properties: stringMap,
        },
      },
    },
  },
} as const;

export const associationBatchCreateSchema = {
  type: 'object',
  required: ['inputs'],
  additionalProperties: false,
  properties: {
    inputs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['from', 'to', 'types'],
        additionalProperties: false,
        properties: { from: publicObjectId, to: publicObjectId, types: { type: 'array', items: associationSpec } },
      },
    },
  },
} as const;

/** BatchInputSimplePublicObjectId: the body of the tasks batch archive endpoint. */
export const archiveSchema = {
  type: 'object',
  required: ['inputs'],
  additionalProperties: false,
  properties: { inputs: { type: 'array', items: publicObjectId } },
} as const;

/** HubSpot's `hs_task_*` enumerations, as its tasks documentation lists them. */
export const TASK_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'];
export const TASK_PRIORITIES = ['NONE', 'LOW', 'MEDIUM', 'HIGH'];
export const TASK_TYPES = ['EMAIL', 'CALL', 'TODO'];

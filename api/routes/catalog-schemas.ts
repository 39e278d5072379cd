import type { JsonSchema } from '../http/validate.js';
import { named } from '../schemas.js';

/** What the catalog answers besides its entries: versions, differences, cases and files. */

export const MatterVersion = named('MatterVersion', {
  type: 'object',
  properties: {
    code: { type: 'string' },
    version: { type: 'integer' },
    name: { type: 'string' },
    validFrom: { type: 'string', format: 'date' },
    validTo: { type: ['string', 'null'], format: 'date' },
    status: { type: 'string' },
    batchId: { type: 'string' },
    batchName: { type: 'string', description: 'The adjustment batch that made this version. 调整批次' },
  },
});

const EntityDiff: JsonSchema = {
  type: 'object',
  properties: {
    added: { type: 'integer', minimum: 0 },
    removed: { type: 'integer', minimum: 0 },
    modified: { type: 'integer', minimum: 0 },
    changes: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          code: { type: 'string' },
          change: { enum: ['added', 'removed', 'modified'] },
          name: { type: 'string' },
          fromVersion: { type: 'integer' },
          toVersion: { type: 'integer' },
          fields: {
            type: 'array',
            description: 'Top-level fields whose value differs (modified entries). 变化的字段',
            items: { type: 'object', properties: { field: { type: 'string' }, from: {}, to: {} } },
          },
        },
      },
    },
  },
};

/** What changes, entity by entity: matters, implementation entries, 一件事 bundles. */
export const CatalogChanges = named('CatalogChanges', {
  type: 'object',
  properties: { matters: EntityDiff, implementations: EntityDiff, bundles: EntityDiff },
  required: ['matters', 'implementations', 'bundles'],
});

const CatalogPoint: JsonSchema = {
  description: 'A moment of the catalog: as of a date, or right after a published batch. 目录时点',
  oneOf: [
    { type: 'object', properties: { date: { type: 'string', format: 'date' } }, required: ['date'] },
    { type: 'object', properties: { publishSeq: { type: 'integer' } }, required: ['publishSeq'] },
  ],
};

export const CatalogDiff = named('CatalogDiff', {
  allOf: [CatalogChanges, { type: 'object', properties: { from: CatalogPoint, to: CatalogPoint }, required: ['from', 'to'] }],
});

const CASE_PROPERTIES = {
  instanceId: { type: 'string', format: 'uuid' },
  department: { type: 'string' },
  regionCode: { type: ['string', 'null'] },
  startedBy: { type: 'string' },
  startedAt: { type: 'string', format: 'date-time' },
};

export const MatterCase = named('MatterCase', {
  type: 'object',
  properties: { ...CASE_PROPERTIES, matterCode: { type: 'string' }, matterVersion: { type: 'integer' }, implCode: { type: ['string', 'null'] } },
});

export const BundleCase = named('BundleCase', {
  type: 'object',
  properties: { ...CASE_PROPERTIES, bundleCode: { type: 'string' }, bundleVersion: { type: 'integer' } },
});

/** A BPMN file to open in a modeler. */
export const BPMN_FILE: Record<string, JsonSchema> = { 'application/bpmn+xml': { type: 'string', description: 'BPMN 2.0 XML' } };

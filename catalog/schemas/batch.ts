import { isoDate, text, type JsonSchema } from './json-schema.js';

/** 调整批次: additions, modifications and abolitions that take effect together. */
export const BatchItemSchema: JsonSchema = {
  type: 'object',
  description: 'One change in an adjustment batch: add, modify or abolish a matter, an implementation entry or a 一件事 bundle.',
  properties: {
    entity: { enum: ['matter', 'implementation', 'bundle'] },
    action: { enum: ['add', 'modify', 'abolish'] },
    code: text(120),
    document: { type: 'object', description: 'The whole new Matter, MatterImpl or Bundle (absent for abolish).' },
  },
  required: ['entity', 'action', 'code'],
  additionalProperties: false,
};

export const BatchSchema: JsonSchema = {
  type: 'object',
  description: 'An adjustment batch (调整批次).',
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: text(200),
    reason: text(2000),
    status: { enum: ['draft', 'published'] },
    department: text(100),
    effectiveDate: isoDate,
    approver: { type: ['string', 'null'] },
    publishSeq: { type: ['integer', 'null'] },
    createdBy: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    publishedAt: { type: ['string', 'null'] },
    source: { type: ['string', 'null'] },
    itemCount: { type: 'integer' },
    items: { type: 'array', items: BatchItemSchema },
  },
  required: ['id', 'name', 'reason', 'status', 'effectiveDate'],
};

import { TIME_UNITS } from '../model.js';
import { text, type JsonSchema } from './json-schema.js';

/** 时限: a value in one of six units, counted from one event to another. */
export const DurationSchema: JsonSchema = {
  type: 'object',
  description: 'A time limit (时限). workingDay follows the official calendar (行政许可法 第八十二条). 时限：数值、单位、起止事件。',
  properties: {
    value: { type: 'number', minimum: 0, maximum: 100000 },
    unit: { enum: [...TIME_UNITS] },
    startEvent: text(50),
    endEvent: text(50),
    lastDayRollover: { type: 'boolean' },
    excludes: { type: 'array', items: text(50) },
    basis: text(500),
  },
  required: ['value', 'unit'],
  additionalProperties: false,
};

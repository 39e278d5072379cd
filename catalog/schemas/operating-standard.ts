import { DurationSchema } from './duration.js';
import { text, textList, type JsonSchema } from './json-schema.js';

/** 作业规范: the per-step norm (limit, checklist, outputs, photos before and after) the bound process enforces. */
export const OperatingStandardSchema: JsonSchema = {
  type: 'object',
  description: 'The operating standard (作业规范): steps with their limits and checklists.',
  properties: {
    steps: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          stepKey: text(100),
          name: text(100),
          role: text(100),
          maxDuration: DurationSchema,
          checklist: textList(1000),
          requiredOutputs: textList(200),
          signOff: text(100),
          photos: {
            type: 'object',
            description: 'Photos the step requires before and after the work (处置前/处置后照片).',
            properties: { before: textList(200), after: textList(200) },
            required: ['before', 'after'],
            additionalProperties: false,
          },
        },
        required: ['stepKey', 'name'],
        additionalProperties: false,
      },
    },
    documentTemplates: textList(200),
    qualityRules: textList(200),
  },
  required: ['steps'],
  additionalProperties: false,
};

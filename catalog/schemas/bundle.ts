import { DurationSchema } from './duration.js';
import { text, textList, type JsonSchema } from './json-schema.js';
import { LegalRefSchema } from './legal-ref.js';

const MatterCode: JsonSchema = { type: 'string', minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9_.\\-]+$' };

const BundleComponentSchema: JsonSchema = {
  type: 'object',
  description: 'A component matter of the bundle. 一件事中的单项事项。',
  properties: {
    matterCode: MatterCode,
    optional: { type: 'boolean', description: 'Done only when the applicant selects it (可选事项).' },
    condition: text(500),
    dependsOn: { type: 'array', items: MatterCode, uniqueItems: true, description: 'Components that must finish first (前置事项).' },
  },
  required: ['matterCode'],
  additionalProperties: false,
};

/** 一件事: one application for a life event, handled across departments (catalog-model.md §6). */
export const BundleSchema: JsonSchema = {
  type: 'object',
  description: 'A 一件事 bundle (一件事一次办 / 高效办成一件事).',
  properties: {
    code: MatterCode,
    name: text(200),
    batch: text(100),
    lifecycle: { enum: ['经营主体', '个人'] },
    stage: text(50),
    leadDept: text(100),
    coDepts: textList(100),
    components: { type: 'array', items: BundleComponentSchema, minItems: 2, maxItems: 50 },
    sharedMaterials: {
      type: 'array',
      items: {
        type: 'object',
        properties: { name: text(200), reusableKey: text(100), usedBy: { type: 'array', items: MatterCode, minItems: 2 } },
        required: ['name', 'reusableKey', 'usedBy'],
        additionalProperties: false,
      },
    },
    legalTimeLimit: DurationSchema,
    promisedTimeLimit: DurationSchema,
    deliveryMode: textList(50),
    eligibility: textList(500),
    regions: textList(40),
    legalBasis: { type: 'array', items: LegalRefSchema },
    status: { enum: ['draft', 'active', 'suspended', 'abolished'] },
    version: { type: 'integer' },
  },
  required: ['code', 'name', 'lifecycle', 'leadDept', 'components', 'status'],
  additionalProperties: false,
};

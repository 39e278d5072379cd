import { text, type JsonSchema } from './json-schema.js';

/** 申请材料: what the applicant hands in, and whether shared data (电子证照) replaces it. */
export const MaterialSchema: JsonSchema = {
  type: 'object',
  description: 'An application material (申请材料).',
  properties: {
    name: text(300),
    required: { enum: ['必要', '容缺', '非必要'] },
    form: { enum: ['纸质', '电子', '电子证照'] },
    copies: { type: 'integer', minimum: 0, maximum: 100 },
    source: { enum: ['申请人自备', '政府部门核发', '中介机构', '其他'] },
    sourceDept: text(100),
    sharedFrom: text(200),
    spec: text(200),
    acceptStandard: text(1000),
    basis: text(500),
    templateRef: text(500),
    sampleRef: text(500),
    reusableKey: text(100),
  },
  required: ['name', 'required'],
  additionalProperties: false,
};

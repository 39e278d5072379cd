import { MATTER_TYPES, SCHEMES } from '../model.js';
import { DurationSchema } from './duration.js';
import { isoDate, text, textList, type JsonSchema } from './json-schema.js';
import { LegalRefSchema } from './legal-ref.js';
import { MaterialSchema } from './material.js';
import { OperatingStandardSchema } from './operating-standard.js';

const ProcessRefSchema: JsonSchema = {
  type: 'object',
  description: 'The deployed process that handles the matter (processId in department). 绑定的办理流程。',
  properties: { processId: text(200), department: text(100) },
  required: ['processId', 'department'],
  additionalProperties: false,
};

const CodePath: JsonSchema = { type: 'array', items: text(20), minItems: 1, maxItems: 4 };

/** 事项基本目录: one matter, the same everywhere in the city ("一事一标准"). */
export const MatterSchema: JsonSchema = {
  type: 'object',
  description: 'A base catalog matter (事项基本目录).',
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9_.\\-]+$' },
    name: text(200),
    aliases: textList(200),
    parentCode: text(60),
    businessItems: { type: 'array', items: { type: 'object', properties: { code: text(60), name: text(200) }, required: ['code', 'name'], additionalProperties: false } },
    matterType: { enum: [...MATTER_TYPES] },
    category: CodePath,
    classifications: {
      type: 'array',
      items: { type: 'object', properties: { scheme: { enum: [...SCHEMES] }, path: CodePath }, required: ['scheme', 'path'], additionalProperties: false },
    },
    serviceObjects: { type: 'array', items: { enum: ['自然人', '法人', '其他组织'] }, minItems: 1 },
    themes: textList(50),
    competentDept: text(100),
    implementingLevel: { type: 'array', items: { enum: ['国家', '省', '市', '县', '镇街', '村社'] } },
    legalBasis: { type: 'array', items: LegalRefSchema },
    legalTimeLimit: DurationSchema,
    legalExtension: DurationSchema,
    promisedTimeLimit: DurationSchema,
    specialProcedures: {
      type: 'array',
      items: { type: 'object', properties: { type: text(50), timeLimit: DurationSchema, counted: { type: 'boolean' } }, required: ['type'], additionalProperties: false },
    },
    acceptanceTimeLimit: DurationSchema,
    deliveryTimeLimit: DurationSchema,
    rectificationTimeLimit: DurationSchema,
    handlingForm: { enum: ['即办件', '承诺件', '上报件'] },
    channels: { type: 'array', items: { enum: ['窗口', '网办', '掌办', '自助', '邮寄'] } },
    visitsRequired: { type: 'integer', minimum: 0, maximum: 10 },
    isCharged: { type: 'boolean' },
    fees: { type: 'array', items: { type: 'object', properties: { name: text(200), standard: text(500), basis: text(500) }, required: ['name'], additionalProperties: false } },
    intermediaryServices: textList(200),
    conditions: textList(2000),
    materials: { type: 'array', items: MaterialSchema },
    result: { type: 'object', properties: { type: { enum: ['证照', '批文', '其他'] }, name: text(200), licenseType: text(100), sampleRef: text(500) }, required: ['type', 'name'], additionalProperties: false },
    operatingStandard: OperatingStandardSchema,
    handlingRequirements: { ...textList(500), description: 'Handling requirements (处置要求) the handling unit must meet.' },
    supervision: { type: 'object' },
    slaProfile: { type: 'object' },
    process: ProcessRefSchema,
    formSchema: { type: 'object', description: 'JSON Schema of the applicant data a case needs. 申请数据的 JSON Schema。' },
    status: { enum: ['draft', 'active', 'suspended', 'abolished'] },
    effectiveFrom: isoDate,
    effectiveTo: isoDate,
    version: { type: 'integer', minimum: 1 },
    source: { type: 'object', properties: { list: text(200), seq: { type: 'integer' } }, additionalProperties: true },
    verified: { type: 'boolean' },
  },
  required: ['code', 'name', 'matterType', 'category', 'serviceObjects', 'competentDept', 'legalBasis', 'status'],
  additionalProperties: false,
};

/** 事项实施清单: the matter as one unit carries it out in one region. */
export const MatterImplSchema: JsonSchema = {
  type: 'object',
  description: 'An implementation entry (事项实施清单): a matter in one region by one implementing unit.',
  properties: {
    implCode: { type: 'string', minLength: 1, maxLength: 120, pattern: '^[A-Za-z0-9_.\\-]+$' },
    matterCode: text(60),
    regionCode: text(40),
    implementingUnit: text(100),
    acceptingUnit: text(100),
    jurisdictionUnit: text(100),
    handlingUnit: text(100),
    delegatedFrom: { type: 'object', properties: { org: text(100), basis: text(500) }, required: ['org'], additionalProperties: false },
    promisedTimeLimit: DurationSchema,
    windows: { type: 'array', items: { type: 'object' } },
    onlineUrl: { type: 'string', maxLength: 500 },
    localMaterials: { type: 'array', items: MaterialSchema },
    process: ProcessRefSchema,
    status: { enum: ['active', 'suspended', 'abolished'] },
    effectiveFrom: isoDate,
    version: { type: 'integer', minimum: 1 },
  },
  required: ['implCode', 'matterCode', 'regionCode', 'implementingUnit', 'status'],
  additionalProperties: false,
};

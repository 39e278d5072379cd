import { SCHEMES } from '../model.js';
import { text, textList, type JsonSchema } from './json-schema.js';

/** 组织: a department, a branch office, a town government, a village committee, a public utility. */
export const OrganisationSchema: JsonSchema = {
  type: 'object',
  description: 'An organisation (组织机构): department, branch, town/street government, committee or public utility.',
  properties: {
    code: text(100),
    name: text(200),
    shortName: text(100),
    kind: text(50),
    level: { enum: ['市', '区县', '镇街', '村社', '网格'] },
    regionCode: text(30),
    parentCode: text(100),
    roles: textList(20),
    isPublicUtility: { type: 'boolean' },
    uscc: text(18),
    real: { type: 'boolean' },
  },
  required: ['code', 'name', 'kind', 'level'],
  additionalProperties: false,
};

/** 行政区划与网格: city → county (optional) → town/street/zone → village/community → grid. */
export const RegionSchema: JsonSchema = {
  type: 'object',
  description: 'A region (区划/网格). The parent chain allows a county level or not.',
  properties: {
    code: text(40),
    name: text(100),
    level: { enum: ['city', 'county', 'town', 'village', 'grid'] },
    parentCode: text(40),
    kind: text(20),
    orgCode: text(100),
    illustrative: { type: 'boolean' },
  },
  required: ['code', 'name', 'level', 'kind'],
  additionalProperties: false,
};

/** 分类节点: one node of a four-level classification scheme. */
export const CategoryNodeSchema: JsonSchema = {
  type: 'object',
  description: 'A classification node (分类节点) of one scheme, four levels deep.',
  properties: {
    code: text(20),
    name: text(100),
    level: { type: 'integer', minimum: 1, maximum: 4 },
    parentCode: { anyOf: [text(20), { type: 'null' }] },
    scheme: { enum: [...SCHEMES] },
    sortNo: { type: 'integer' },
    aliases: textList(100),
    externalCodes: { type: 'object', additionalProperties: { type: 'string' } },
  },
  required: ['code', 'name', 'level', 'scheme'],
  additionalProperties: false,
};

import { text, type JsonSchema } from './json-schema.js';

/** 设定依据 / 实施依据: a law by name, its level, and the article where it is certain. */
export const LegalRefSchema: JsonSchema = {
  type: 'object',
  description: 'A legal basis (法律依据): law name, level, document number and article.',
  properties: {
    kind: { enum: ['设定依据', '实施依据', '处罚依据', '抽查依据'] },
    lawName: text(200),
    level: { enum: ['法律', '行政法规', '国务院决定', '地方性法规', '部门规章', '地方政府规章', '规范性文件'] },
    docNo: text(100),
    article: text(200),
    clause: text(200),
    text: { type: 'string', maxLength: 5000 },
    version: text(50),
    effectiveFrom: text(20),
  },
  required: ['kind', 'lawName', 'level'],
  additionalProperties: false,
};

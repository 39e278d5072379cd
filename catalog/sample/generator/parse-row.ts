// Parser for the compact matter rows of the department tables:
//   名称|类型|子领域|层级|对象|主题|依据|法定/承诺时限|结果|材料|其他
// Anything it does not understand is an error, so a typo in a table stops the generator.
import type { MatterType, ServiceObject, ImplementingLevel, TimeUnit } from './types.js';
import { law } from './laws.js';

export interface DeptTable { dept: string; domain: string; rows: string[] }

export interface LimitSpec { value: number; unit: TimeUnit }

export interface ParsedRow {
  name: string;
  matterType: MatterType;
  sub: string;
  levels: ImplementingLevel[];
  objects: ServiceObject[];
  themes: string[];
  laws: { key: string; article?: string }[];
  legal: LimitSpec;
  extension?: LimitSpec;
  promised: LimitSpec;
  result: { type: '证照' | '批文' | '其他'; name: string };
  materials: string[];
  aliases: string[];
  special: { type: string; limit?: LimitSpec }[];
  fees: { name: string; standard: string; basis: string }[];
  scenario?: string;
  visits?: number;
  reportUp: boolean;
  channels?: string[];
  businessItems: string[];
  /** Law key whose own limits replace the general ones (限据=…): a special rule such as the 2023 food-permit measures. */
  limitLaw?: string;
  /** Delivery limit in working days when the special rule sets its own (送达=…). */
  delivery?: number;
}

const TYPES: Record<string, MatterType> = {
  许可: '行政许可', 处罚: '行政处罚', 强制: '行政强制', 征收: '行政征收', 给付: '行政给付', 检查: '行政检查',
  确认: '行政确认', 奖励: '行政奖励', 裁决: '行政裁决', 其他: '其他行政权力', 公服: '公共服务',
};
const LEVELS: Record<string, ImplementingLevel> = { 市: '市', 镇: '镇街', 村: '村社' };
const OBJECTS: Record<string, ServiceObject> = { 人: '自然人', 法: '法人', 组: '其他组织' };

export function parseLimit(text: string): LimitSpec {
  const m = /^(\d+)(min|h|n|m)?$/.exec(text.trim());
  if (!m) throw new Error(`bad time limit "${text}"`);
  const units: Record<string, TimeUnit> = { min: 'minute', h: 'hour', n: 'naturalDay', m: 'month' };
  return { value: Number(m[1]), unit: m[2] ? units[m[2]] : 'workingDay' };
}

function chars<T>(text: string, map: Record<string, T>, what: string): T[] {
  return [...text].map((c) => {
    const v = map[c];
    if (!v) throw new Error(`unknown ${what} "${c}"`);
    return v;
  });
}

export function parseRow(row: string): ParsedRow {
  const f = row.split('|');
  if (f.length < 10 || f.length > 11) throw new Error(`row needs 10 or 11 fields: ${row}`);
  const [name, type, sub, levels, objects, themes, laws, limits, result, materials, extra = ''] = f;
  const matterType = TYPES[type];
  if (!matterType) throw new Error(`unknown matter type "${type}" in ${name}`);
  const [legalText, promisedText] = limits.split('/');
  if (!promisedText) throw new Error(`time limits need legal/promised in ${name}`);
  const [legalBase, ext] = legalText.split('+');
  const [resultKind, resultName] = result.split(':');
  const resultType = ({ 证: '证照', 批: '批文', 他: '其他' } as const)[resultKind as '证' | '批' | '他'];
  if (!resultType || !resultName) throw new Error(`bad result "${result}" in ${name}`);

  const parsed: ParsedRow = {
    name, matterType, sub,
    levels: chars(levels, LEVELS, 'level'),
    objects: chars(objects, OBJECTS, 'service object'),
    themes: themes ? themes.split('/') : [],
    laws: laws.split(',').map((ref) => {
      const [key, article] = ref.split('#');
      const entry = law(key);
      if (article && !entry.articles.some((a) => a.article === article)) {
        throw new Error(`${name}: article ${article} of ${entry.name} is not in the checked article list`);
      }
      return article ? { key, article } : { key };
    }),
    legal: parseLimit(legalBase),
    ...(ext ? { extension: parseLimit(ext) } : {}),
    promised: parseLimit(promisedText),
    result: { type: resultType, name: resultName },
    materials: materials ? materials.split(',') : [],
    aliases: [], special: [], fees: [], reportUp: false, businessItems: [],
  };
  for (const token of extra.split(';').filter(Boolean)) {
    const [key, value = ''] = token.split('=');
    switch (key) {
      case '别名': parsed.aliases = value.split('/'); break;
      case '场景': parsed.scenario = value; break;
      case '次': parsed.visits = Number(value); break;
      case '上报': parsed.reportUp = true; break;
      case '渠': parsed.channels = value.split('/'); break;
      case '业务项': parsed.businessItems = value.split('/'); break;
      case '限据':
        law(value);
        if (!parsed.laws.some((l) => l.key === value)) throw new Error(`${name}: 限据 ${value} is not among the row's laws`);
        parsed.limitLaw = value;
        break;
      case '送达': parsed.delivery = Number(value); break;
      case '特':
        parsed.special = value.split(',').map((s) => {
          const [t, lim] = s.split(':');
          return lim ? { type: t, limit: parseLimit(lim) } : { type: t };
        });
        break;
      case '费': {
        const [feeName, standard, basis] = value.split(':');
        if (!basis) throw new Error(`fee needs name:standard:basis in ${name}`);
        parsed.fees.push({ name: feeName, standard, basis });
        break;
      }
      default: throw new Error(`unknown extra "${key}" in ${name}`);
    }
  }
  if (parsed.delivery !== undefined && (!parsed.limitLaw || !Number.isInteger(parsed.delivery))) {
    throw new Error(`${name}: 送达 needs a whole number of days and the 限据 law that sets it`);
  }
  return parsed;
}

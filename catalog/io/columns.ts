import type { CatalogEntity, ClassificationPath, Duration, LegalRef, Matter, MatterImpl } from '../model.js';
import { formatDuration, formatLegalRef, joinLines, joinList, NO, parseDuration, parseLegalRef, parseMaterial, splitList, STATUS_LABELS, YES, type Parsed } from './cell-formats.js';

export interface ParseContext {
  /** Level of every law the catalog already cites, by name. */
  knownLawLevels: ReadonlyMap<string, string>;
  /** Organisation codes by full or short name: a cell may hold either a code or a name. */
  organisationCodes: ReadonlyMap<string, string>;
}

/**
 * One column of an import/export template: its fixed Chinese header, the document field it
 * fills, how a cell is read (merged over the current document, so details a flat cell cannot
 * hold survive a round trip) and how it is written.
 */
export interface Column<D> {
  header: string;
  english: string;
  field: keyof D & string;
  required: boolean;
  note: string;
  /** `undefined` as value removes the field. */
  parse(cell: string, context: ParseContext, current: D | undefined): Parsed<unknown>;
  format(document: D): string;
}

const ok = (value: unknown): Parsed<unknown> => ({ ok: true, value });
const text = (cell: string) => ok(cell.trim() === '' ? undefined : cell.trim());
const list = (cell: string) => ok(splitList(cell).length ? splitList(cell) : undefined);
const orgCode = (cell: string, context: ParseContext) => ok(cell.trim() === '' ? undefined : (context.organisationCodes.get(cell.trim()) ?? cell.trim()));

function duration<D extends Record<string, unknown>>(field: keyof D & string): Column<D>['parse'] {
  return (cell, _context, current) => {
    if (cell.trim() === '') return ok(undefined);
    const parsed = parseDuration(cell);
    if (!parsed.ok) return parsed;
    return ok({ ...((current?.[field] as Duration | undefined) ?? {}), ...parsed.value });
  };
}

function enumeration(values: readonly string[], label: string, labelZh: string): Column<Matter>['parse'] {
  return (cell) => {
    const value = cell.trim();
    if (value === '') return ok(undefined);
    return values.includes(value) ? ok(value) : { ok: false, code: 'not-allowed-value', message: `${label} '${value}' is not one of ${values.join(', ')}`, messageZh: `${labelZh}“${value}”应为 ${values.join('、')} 之一` };
  };
}

function parsePaths(cell: string): Parsed<ClassificationPath[] | undefined> {
  const entries = splitList(cell);
  if (entries.length === 0) return { ok: true, value: undefined };
  const paths: ClassificationPath[] = [];
  for (const entry of entries) {
    const match = /^([A-Z]+)[：:](.+)$/.exec(entry);
    if (!match) return { ok: false, code: 'invalid-classification', message: `'${entry}' is not SCHEME:code/code/…`, messageZh: `“${entry}”应写为 分类体系:编码/编码/…（例如 DEPT:01/0103/010301）` };
    paths.push({ scheme: match[1] as ClassificationPath['scheme'], path: match[2].split('/').map((code) => code.trim()).filter(Boolean) });
  }
  return { ok: true, value: paths };
}

export const MATTER_COLUMNS: ReadonlyArray<Column<Matter>> = [
  { header: '事项编码', english: 'code', field: 'code', required: true, note: '基本编码，如 4419A21012000', parse: text, format: (m) => m.code },
  { header: '事项名称', english: 'name', field: 'name', required: true, note: '', parse: text, format: (m) => m.name },
  { header: '别名', english: 'aliases', field: 'aliases', required: false, note: '多个用“；”分隔', parse: list, format: (m) => joinList(m.aliases) },
  { header: '事项类型', english: 'matterType', field: 'matterType', required: true, note: '行政许可、行政处罚、行政确认、公共服务 等', parse: text, format: (m) => m.matterType },
  { header: '主管部门', english: 'competentDept', field: 'competentDept', required: true, note: '部门编码或全称', parse: orgCode, format: (m) => m.competentDept },
  { header: '实施层级', english: 'implementingLevel', field: 'implementingLevel', required: false, note: '国家、省、市、县、镇街、村社，用“；”分隔', parse: list, format: (m) => joinList(m.implementingLevel) },
  { header: '服务对象', english: 'serviceObjects', field: 'serviceObjects', required: true, note: '自然人、法人、其他组织，用“；”分隔', parse: list, format: (m) => joinList(m.serviceObjects) },
  { header: '主题', english: 'themes', field: 'themes', required: false, note: '用“；”分隔', parse: list, format: (m) => joinList(m.themes) },
  {
    header: '事项分类',
    english: 'category',
    field: 'category',
    required: false,
    note: '主分类路径，编码用“/”分隔，如 01/0103/010301/01030101',
    parse: (cell) => ok(cell.trim() === '' ? undefined : cell.split('/').map((code) => code.trim()).filter(Boolean)),
    format: (m) => (m.category ?? []).join('/'),
  },
  {
    header: '分类体系路径',
    english: 'classifications',
    field: 'classifications',
    required: false,
    note: '每行一个：体系:编码/编码/…，如 DEPT:01/0103/010301/01030101',
    parse: (cell) => parsePaths(cell),
    format: (m) => joinLines((m.classifications ?? []).map((entry) => `${entry.scheme}:${entry.path.join('/')}`)),
  },
  {
    header: '设定依据',
    english: 'legalBasis',
    field: 'legalBasis',
    required: true,
    note: '每行一条：设定依据：《法律名称》（层级，文号）第X条',
    parse: (cell, context) => {
      const refs: LegalRef[] = [];
      for (const entry of splitList(cell)) {
        const parsed = parseLegalRef(entry, context.knownLawLevels);
        if (!parsed.ok) return parsed;
        refs.push(parsed.value);
      }
      return ok(refs);
    },
    format: (m) => joinLines(m.legalBasis.map(formatLegalRef)),
  },
  { header: '法定时限', english: 'legalTimeLimit', field: 'legalTimeLimit', required: true, note: '如 20个工作日、60日、24小时', parse: duration<Matter>('legalTimeLimit'), format: (m) => formatDuration(m.legalTimeLimit) },
  { header: '法定延长时限', english: 'legalExtension', field: 'legalExtension', required: false, note: '如 10个工作日', parse: duration<Matter>('legalExtension'), format: (m) => formatDuration(m.legalExtension) },
  { header: '承诺时限', english: 'promisedTimeLimit', field: 'promisedTimeLimit', required: true, note: '如 10个工作日', parse: duration<Matter>('promisedTimeLimit'), format: (m) => formatDuration(m.promisedTimeLimit) },
  { header: '受理时限', english: 'acceptanceTimeLimit', field: 'acceptanceTimeLimit', required: false, note: '如 5个工作日', parse: duration<Matter>('acceptanceTimeLimit'), format: (m) => formatDuration(m.acceptanceTimeLimit) },
  { header: '送达时限', english: 'deliveryTimeLimit', field: 'deliveryTimeLimit', required: false, note: '如 10个工作日', parse: duration<Matter>('deliveryTimeLimit'), format: (m) => formatDuration(m.deliveryTimeLimit) },
  { header: '办件类型', english: 'handlingForm', field: 'handlingForm', required: false, note: '即办件、承诺件、上报件', parse: enumeration(['即办件', '承诺件', '上报件'], 'Handling form', '办件类型'), format: (m) => m.handlingForm ?? '' },
  { header: '办理渠道', english: 'channels', field: 'channels', required: false, note: '窗口、网办、掌办、自助、邮寄，用“；”分隔', parse: list, format: (m) => joinList(m.channels) },
  {
    header: '到现场次数',
    english: 'visitsRequired',
    field: 'visitsRequired',
    required: false,
    note: '0、1、2…',
    parse: (cell) => (cell.trim() === '' ? ok(undefined) : /^\d+$/.test(cell.trim()) ? ok(Number(cell.trim())) : { ok: false, code: 'not-a-number', message: `'${cell}' is not a whole number`, messageZh: `“${cell}”不是整数` }),
    format: (m) => (m.visitsRequired === undefined ? '' : String(m.visitsRequired)),
  },
  {
    header: '是否收费',
    english: 'isCharged',
    field: 'isCharged',
    required: false,
    note: '是 / 否',
    parse: (cell) => (cell.trim() === '' ? ok(undefined) : YES.includes(cell.trim()) ? ok(true) : NO.includes(cell.trim()) ? ok(false) : { ok: false, code: 'not-yes-no', message: `'${cell}' is neither 是 nor 否`, messageZh: `“${cell}”应为“是”或“否”` }),
    format: (m) => (m.isCharged === undefined ? '' : m.isCharged ? '是' : '否'),
  },
  { header: '受理条件', english: 'conditions', field: 'conditions', required: false, note: '每行一条', parse: list, format: (m) => joinLines(m.conditions) },
  { header: '处置要求', english: 'handlingRequirements', field: 'handlingRequirements', required: false, note: '协同事项的处置要求，每行一条', parse: list, format: (m) => joinLines(m.handlingRequirements) },
  {
    header: '申请材料',
    english: 'materials',
    field: 'materials',
    required: false,
    note: '每行一份：材料名称（必要/容缺/非必要）',
    parse: (cell, _context, current) => {
      const entries = splitList(cell);
      if (entries.length === 0) return ok(undefined);
      const known = new Map((current?.materials ?? []).map((material) => [material.name, material]));
      return ok(entries.map((entry) => {
        const parsed = parseMaterial(entry);
        return { ...(known.get(parsed.name) ?? {}), ...parsed };
      }));
    },
    format: (m) => joinLines((m.materials ?? []).map((material) => `${material.name}（${material.required}）`)),
  },
  {
    header: '办理结果',
    english: 'result',
    field: 'result',
    required: false,
    note: '类型：名称，如 证照：食品经营许可证',
    parse: (cell, _context, current) => {
      if (cell.trim() === '') return ok(undefined);
      const match = /^(证照|批文|其他)[：:](.+)$/.exec(cell.trim());
      if (!match) return { ok: false, code: 'invalid-result', message: `'${cell}' is not 证照/批文/其他：名称`, messageZh: `“${cell}”应写为 证照/批文/其他：结果名称` };
      return ok({ ...((current?.result as object | undefined) ?? {}), type: match[1], name: match[2].trim() });
    },
    format: (m) => {
      const result = m.result as { type: string; name: string } | undefined;
      return result ? `${result.type}：${result.name}` : '';
    },
  },
  {
    header: '状态',
    english: 'status',
    field: 'status',
    required: false,
    note: '有效、暂停、草稿（默认有效）',
    parse: (cell) => {
      const value = cell.trim();
      if (value === '') return ok('active');
      const found = Object.entries(STATUS_LABELS).find(([code, label]) => label === value || code === value);
      return found && found[0] !== 'abolished' ? ok(found[0]) : { ok: false, code: 'not-allowed-value', message: `Status '${value}' is not 有效, 暂停 or 草稿`, messageZh: `状态“${value}”应为 有效、暂停、草稿 之一` };
    },
    format: (m) => STATUS_LABELS[m.status] ?? m.status,
  },
];

export const IMPL_COLUMNS: ReadonlyArray<Column<MatterImpl>> = [
  { header: '实施编码', english: 'implCode', field: 'implCode', required: true, note: '基本编码-区划-000-实施主体-1-业务项', parse: text, format: (i) => i.implCode },
  { header: '事项编码', english: 'matterCode', field: 'matterCode', required: true, note: '', parse: text, format: (i) => i.matterCode },
  { header: '区划代码', english: 'regionCode', field: 'regionCode', required: true, note: '6/9/12 位区划代码，须在本市范围内', parse: text, format: (i) => i.regionCode },
  { header: '实施主体', english: 'implementingUnit', field: 'implementingUnit', required: true, note: '组织编码或名称', parse: orgCode, format: (i) => i.implementingUnit },
  { header: '受理单位', english: 'acceptingUnit', field: 'acceptingUnit', required: false, note: '组织编码或名称', parse: orgCode, format: (i) => i.acceptingUnit ?? '' },
  { header: '管辖单位', english: 'jurisdictionUnit', field: 'jurisdictionUnit', required: false, note: '组织编码或名称', parse: orgCode, format: (i) => i.jurisdictionUnit ?? '' },
  { header: '承办单位', english: 'handlingUnit', field: 'handlingUnit', required: false, note: '组织编码或名称', parse: orgCode, format: (i) => i.handlingUnit ?? '' },
  { header: '本地承诺时限', english: 'promisedTimeLimit', field: 'promisedTimeLimit', required: false, note: '如 5个工作日（覆盖事项承诺时限）', parse: duration<MatterImpl>('promisedTimeLimit'), format: (i) => formatDuration(i.promisedTimeLimit) },
  {
    header: '状态',
    english: 'status',
    field: 'status',
    required: false,
    note: '有效、暂停（默认有效）',
    parse: (cell) => {
      const value = cell.trim();
      if (value === '') return ok('active');
      const found = Object.entries(STATUS_LABELS).find(([code, label]) => (label === value || code === value) && (code === 'active' || code === 'suspended'));
      return found ? ok(found[0]) : { ok: false, code: 'not-allowed-value', message: `Status '${value}' is not 有效 or 暂停`, messageZh: `状态“${value}”应为 有效 或 暂停` };
    },
    format: (i) => STATUS_LABELS[i.status] ?? i.status,
  },
];

/** The optional column that says what to do with a row; without it, known codes are modified and new ones added. */
export const ACTION_HEADER = '操作';

export function columnsOf(entity: CatalogEntity): ReadonlyArray<Column<Record<string, unknown>>> {
  return (entity === 'matter' ? MATTER_COLUMNS : IMPL_COLUMNS) as unknown as ReadonlyArray<Column<Record<string, unknown>>>;
}

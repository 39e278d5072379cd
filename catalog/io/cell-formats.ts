import type { Duration, LegalRef, TimeUnit } from '../model.js';

/**
 * How structured values are written in one spreadsheet cell, the way departments already write
 * them: "20个工作日", "《中华人民共和国食品安全法》（法律）第三十五条", "营业执照（必要）".
 * Each parser returns the value or a reason in both languages.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; message: string; messageZh: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: string, message: string, messageZh: string): Parsed<never> => ({ ok: false, code, message, messageZh });

/** Items of a list cell: one per line, or separated by ；/; (、 inside names is left alone). */
export function splitList(cell: string): string[] {
  return cell
    .split(/\r?\n|；|;/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

export const joinList = (values: readonly string[] | undefined): string => (values ?? []).join('；');
export const joinLines = (values: readonly string[] | undefined): string => (values ?? []).join('\n');

const UNIT_WORDS: Record<string, TimeUnit> = {
  工作日: 'workingDay',
  自然日: 'naturalDay',
  日: 'naturalDay',
  天: 'naturalDay',
  小时: 'hour',
  分钟: 'minute',
  月: 'month',
  年: 'year',
};
const UNIT_LABEL: Record<TimeUnit, string> = { workingDay: '个工作日', naturalDay: '个自然日', hour: '小时', minute: '分钟', month: '个月', year: '年' };

/** "20个工作日" / "60日" / "24小时" / "3个月" (an unknown unit is named as such). */
export function parseDuration(cell: string): Parsed<Pick<Duration, 'value' | 'unit'>> {
  const text = cell.replace(/\s+/g, '');
  if (text === '即办' || text === '当场办结') return ok({ value: 0, unit: 'workingDay' });
  const match = /^(\d+(?:\.\d+)?)(个)?(.*)$/.exec(text);
  if (!match) return fail('invalid-duration', `'${cell}' is not a time limit like 20个工作日`, `“${cell}”不是时限（例如：20个工作日）`);
  const unit = UNIT_WORDS[match[3]];
  if (!unit) {
    return fail('unknown-time-unit', `Unknown time unit '${match[3]}' in '${cell}'; use 工作日, 自然日, 小时, 分钟, 月 or 年`, `时限单位“${match[3]}”无法识别，应为 工作日、自然日、小时、分钟、月、年 之一`);
  }
  return ok({ value: Number(match[1]), unit });
}

export function formatDuration(duration: Duration | undefined): string {
  return duration ? `${duration.value}${UNIT_LABEL[duration.unit] ?? duration.unit}` : '';
}

const KINDS = ['设定依据', '实施依据', '处罚依据', '抽查依据'];

/**
 * 《法律名称》（层级，文号）条款 with an optional "设定依据：" prefix. Without 《》 there is no
 * law name, which is an error; a missing level is looked up among the laws the catalog knows.
 */
export function parseLegalRef(entry: string, knownLevels: ReadonlyMap<string, string>): Parsed<LegalRef> {
  const match = /^(?:(设定依据|实施依据|处罚依据|抽查依据)[：:])?\s*《([^》]*)》\s*(?:[（(]([^，,）)]*)(?:[，,]([^）)]*))?[）)])?\s*(.*)$/.exec(entry.trim());
  if (!match || match[2].trim() === '') {
    return fail('legal-basis-without-law', `'${entry}' names no law: write the law in 《》`, `“${entry}”缺少法律法规名称（请用《》标明）`);
  }
  const lawName = match[2].trim();
  const level = match[3]?.trim() || knownLevels.get(lawName);
  if (!level) {
    return fail('unknown-law-level', `The level of 《${lawName}》 is not known: write it as 《${lawName}》（法律）`, `无法确定《${lawName}》的效力层级，请写为《${lawName}》（法律/行政法规/…）`);
  }
  const ref: LegalRef = { kind: match[1] ?? '设定依据', lawName, level };
  if (match[4]?.trim()) ref.docNo = match[4].trim();
  if (match[5]?.trim()) ref.article = match[5].trim();
  return ok(ref);
}

export function formatLegalRef(ref: LegalRef): string {
  return `${KINDS.includes(ref.kind) ? `${ref.kind}：` : ''}《${ref.lawName}》（${ref.level}${ref.docNo ? `，${ref.docNo}` : ''}）${ref.article ?? ''}`;
}

/** "营业执照（必要）": the name and, in brackets, 必要/容缺/非必要 (default 必要). */
export function parseMaterial(entry: string): { name: string; required: '必要' | '容缺' | '非必要' } {
  const match = /^(.*?)[（(](必要|容缺|非必要)[）)]$/.exec(entry.trim());
  return match ? { name: match[1].trim(), required: match[2] as '必要' } : { name: entry.trim(), required: '必要' };
}

export const YES = ['是', 'Y', 'y', 'yes', 'true', '1'];
export const NO = ['否', 'N', 'n', 'no', 'false', '0'];

export const STATUS_LABELS: Record<string, string> = { active: '有效', suspended: '暂停', draft: '草稿', abolished: '已取消' };
export const ACTION_LABELS: Record<string, 'add' | 'modify' | 'abolish'> = { 新增: 'add', 变更: 'modify', 修改: 'modify', 注销: 'abolish', 取消: 'abolish', add: 'add', modify: 'modify', abolish: 'abolish' };

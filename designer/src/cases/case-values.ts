/**
 * A case variable's value as a clerk reads it, not as JSON: a person as “李女士（联系电话：138****0000）”,
 * a one-field object by its field's value (诉求内容 once, not “诉求内容：诉求内容：…”), a unit by its name,
 * a named thing (a matter) by its name, a time limit as “15个工作日”. Pure (no DOM, no i18n), so it is unit-tested in Node.
 */
export interface ValueWords {
  yes: string;
  no: string;
  /** What staff call a variable (variable-labels.ts). */
  label: (name: string) => string;
  /** A unit's or department's name by its code; undefined when not known (the code is shown). */
  unitName: (code: string) => string | undefined;
}

/** Variables whose value is an organisation's code: acceptingUnit, handlingUnit, responsibleUnit, caseDepartment, a rule's unit… */
export function isUnitVariable(name: string): boolean {
  return /(?:^|[a-z])(?:unit|department)s?$/i.test(name);
}

const DURATION_UNITS: Readonly<Record<string, string>> = { minute: '分钟', hour: '小时', naturalDay: '个自然日', workingDay: '个工作日', month: '个月', year: '年' };

/** 集中受理's channels by the names the centre uses (the mark intakeChannel, pages/hotline/intake-facts.ts). */
const INTAKE_CHANNEL_NAMES: Readonly<Record<string, string>> = { phone: '电话', web: '网站', app: '移动端（App）', window: '窗口' };

/** Fields that make an object a person (申请人, 诉求人, 联系人). */
const PERSON_FIELDS = ['phone', 'mobile', 'idNo', 'applicantPhone', 'applicantIdNo', 'address'];

export function caseValueText(name: string, value: unknown, words: ValueWords): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? words.yes : words.no;
  if (typeof value === 'string' && name === 'intakeChannel') return INTAKE_CHANNEL_NAMES[value] ?? value;
  if (typeof value === 'string') return isUnitVariable(name) ? (words.unitName(value) ?? value) : value;
  if (Array.isArray(value)) return value.length ? value.map((entry) => caseValueText(name, entry, words)).join('、') : '—';
  if (typeof value === 'object') return objectText(name, value as Record<string, unknown>, words);
  return String(value);
}

function objectText(name: string, value: Record<string, unknown>, words: ValueWords): string {
  const entries = Object.entries(value).filter(([, entry]) => entry !== null && entry !== undefined && entry !== '');
  if (!entries.length) return '—';
  const duration = durationText(value);
  if (duration) return duration;
  // One field: its value is the variable's (data: {content} is the 诉求内容 itself).
  if (entries.length === 1) return caseValueText(entries[0][0], entries[0][1], words);
  const title = typeof value.name === 'string' && value.name ? value.name : null;
  if (title && typeof value.code === 'string' && !PERSON_FIELDS.some((field) => field in value)) return title;
  const parentLabel = words.label(name);
  const facts = entries
    .filter(([key]) => !(title && key === 'name'))
    .map(([key, entry]) => {
      const text = caseValueText(key, entry, words);
      // A field named as the variable itself needs no name again.
      return words.label(key) === parentLabel ? text : `${words.label(key)}：${text}`;
    });
  return title ? `${title}（${facts.join('，')}）` : facts.join('；');
}

/** A catalog duration {value, unit}: “15个工作日”. */
function durationText(value: Record<string, unknown>): string | null {
  if (typeof value.value !== 'number' || typeof value.unit !== 'string' || !(value.unit in DURATION_UNITS)) return null;
  return `${value.value}${DURATION_UNITS[value.unit]}`;
}

/** A value the server masked (ID and phone numbers, docs/personal-data.md). */
const MASKED = /\*{3,}/;

/** The paths (variable, or variable.field) of masked values in a variable, for 显示. */
export function maskedPaths(name: string, value: unknown): string[] {
  if (typeof value === 'string') return MASKED.test(value) ? [name] : [];
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>).filter(([, entry]) => typeof entry === 'string' && MASKED.test(entry)).map(([key]) => `${name}.${key}`);
  }
  return [];
}

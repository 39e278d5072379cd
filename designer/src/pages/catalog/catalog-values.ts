import { t } from '../../i18n/index.js';
import { formatDuration, text } from './catalog-page.js';

/** Today in China (the catalog's dates are China dates). */
export function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** A catalog field's Chinese name (field.X in the dictionary), else the field itself. */
export function fieldLabel(field: string): string {
  const key = `field.${field}`;
  return t(key) === key ? field : t(key);
}

const TIME_LIMIT = /TimeLimit$|Extension$/;

/** A field's value as a reader of a 办事指南 reads it: limits as "20 工作日", yes/no, lists joined; "—" for nothing. */
export function showValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (TIME_LIMIT.test(field)) return formatDuration(value);
  if (typeof value === 'boolean') return value ? t('Yes') : t('No');
  return text(value);
}

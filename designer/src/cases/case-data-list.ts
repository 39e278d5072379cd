import { h } from '../app/dom.js';
import { t } from '../i18n/index.js';
import { variableLabel } from './variable-labels.js';

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('Yes') : t('No');
  if (Array.isArray(value)) return value.map(valueText).join('、');
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([key, entry]) => `${key}：${valueText(entry)}`).join('；');
  return String(value);
}

/** The case's data as a readable list (not a JSON dump). */
export function caseDataList(variables: Record<string, unknown>): HTMLElement {
  const entries = Object.entries(variables);
  if (!entries.length) return h('p', { class: 'muted', id: 'case-variables' }, t('No case data'));
  return h('dl', { class: 'case-fields', id: 'case-variables' }, entries.flatMap(([key, value]) => [h('dt', {}, variableLabel(key)), h('dd', {}, valueText(value))]));
}

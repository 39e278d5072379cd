import { api, ApiProblem } from '../api/client.js';
import { h } from '../app/dom.js';
import { notify } from '../app/notify.js';
import { t } from '../i18n/index.js';
import { nameUnits } from './unit-names.js';
import { isEverydayVariable, variableLabel } from './variable-labels.js';

function valueText(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('Yes') : t('No');
  if (Array.isArray(value)) return value.map(valueText).join('、');
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([key, entry]) => `${variableLabel(key)}：${valueText(entry)}`).join('；');
  return String(value);
}

/** A value the server masked (ID and phone numbers, docs/personal-data.md). */
const MASKED = /\*{3,}/;

/**
 * The case's data as a readable list (not a JSON dump), by Chinese names. With `reveal`, a masked
 * value gets a 显示 button: the server shows it in clear to staff working the case and records it.
 */
export function caseDataList(variables: Record<string, unknown>, reveal?: { instanceId: string }): HTMLElement {
  const entries = Object.entries(variables);
  if (!entries.length) return h('p', { class: 'muted', id: 'case-variables' }, t('No case data'));
  const everyday = entries.filter(([key]) => isEverydayVariable(key));
  const other = entries.filter(([key]) => !isEverydayVariable(key));
  const list = h('dl', { class: 'case-fields', id: 'case-variables' }, everyday.flatMap(([key, value]) => entry(key, value)));
  void nameUnits(list);
  if (other.length) {
    list.append(h('details', { class: 'other-case-data' }, h('summary', {}, t('Other case data ({count})', { count: other.length })), h('dl', { class: 'case-fields' }, other.flatMap(([key, value]) => entry(key, value)))));
  }
  return list;

  function entry(key: string, value: unknown): HTMLElement[] {
    const text = h('span', {}, valueText(value));
    const masked = reveal && typeof value === 'string' && MASKED.test(value);
    const button = masked
      ? h('button', {
          type: 'button',
          class: 'link-button reveal-personal',
          style: 'margin-left:8px',
          'data-variable': key,
          title: t('Shown in full only to staff working the case; the case trail records it'),
          onclick: async () => {
            try {
              const revealed = await api<{ value: unknown }>(`/process-instances/${encodeURIComponent(reveal.instanceId)}/personal-data/reveal`, { method: 'POST', body: { path: key } });
              text.textContent = valueText(revealed.value);
              button?.remove();
            } catch (error) {
              notify(error instanceof ApiProblem ? error.describe() : String(error), 'error');
            }
          },
        }, t('Show'))
      : null;
    return [h('dt', {}, variableLabel(key)), h('dd', { 'data-variable': key }, text, button)];
  }
}

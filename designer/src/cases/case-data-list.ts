import { api, ApiProblem } from '../api/client.js';
import { h } from '../app/dom.js';
import { notify } from '../app/notify.js';
import { t } from '../i18n/index.js';
import type { CaseKind } from './case-kind.js';
import { caseValueText, maskedPaths, type ValueWords } from './case-values.js';
import { unitNames } from './unit-names.js';
import { isEverydayVariable, variableLabel } from './variable-labels.js';

/**
 * The case's data as a readable list (not a JSON dump), by Chinese names (an appeal's by its own words: 诉求人),
 * units by their names once known. With `reveal`, a masked value gets a 显示 button: the server shows it in
 * clear to staff working the case and records it.
 */
export function caseDataList(variables: Record<string, unknown>, reveal?: { instanceId: string }, kind: CaseKind = 'approval'): HTMLElement {
  const entries = Object.entries(variables);
  if (!entries.length) return h('p', { class: 'muted', id: 'case-variables' }, t('No case data'));
  let units = new Map<string, string>();
  const words: ValueWords = { yes: t('Yes'), no: t('No'), label: (name) => variableLabel(name, kind), unitName: (code) => units.get(code) };
  const shown: Array<() => void> = [];
  const everyday = entries.filter(([key]) => isEverydayVariable(key));
  const other = entries.filter(([key]) => !isEverydayVariable(key));
  const list = h('dl', { class: 'case-fields', id: 'case-variables' }, everyday.flatMap(([key, value]) => entry(key, value)));
  if (other.length) {
    list.append(h('details', { class: 'other-case-data' }, h('summary', {}, t('Other case data ({count})', { count: other.length })), h('dl', { class: 'case-fields' }, other.flatMap(([key, value]) => entry(key, value)))));
  }
  void unitNames().then((names) => {
    units = names;
    for (const render of shown) render();
  });
  return list;

  function entry(key: string, initial: unknown): HTMLElement[] {
    let value = initial;
    const text = h('span', {});
    const render = () => {
      text.textContent = caseValueText(key, value, words);
    };
    render();
    shown.push(render);
    const masked = reveal ? maskedPaths(key, value) : [];
    const button = masked.length
      ? h('button', {
          type: 'button',
          class: 'link-button reveal-personal',
          style: 'margin-left:8px',
          'data-variable': key,
          title: t('Shown in full only to staff working the case; the case trail records it'),
          onclick: async () => {
            try {
              for (const path of masked) {
                const revealed = await api<{ value: unknown }>(`/process-instances/${encodeURIComponent(reveal!.instanceId)}/personal-data/reveal`, { method: 'POST', body: { path } });
                value = path === key ? revealed.value : { ...(value as Record<string, unknown>), [path.slice(key.length + 1)]: revealed.value };
              }
              render();
              button?.remove();
            } catch (error) {
              notify(error instanceof ApiProblem ? error.describe() : String(error), 'error');
            }
          },
        }, t('Show'))
      : null;
    return [h('dt', {}, variableLabel(key, kind)), h('dd', { 'data-variable': key }, text, button)];
  }
}

import { api, ApiProblem } from '../api/client.js';
import type { Incident, ProcessInstance } from '../api/types.js';
import { formatDateTime, h } from '../app/dom.js';
import { notify } from '../app/notify.js';
import { pickLanguage, t } from '../i18n/index.js';
import type { ModelNames } from './model-names.js';

/** What a value typed by a clerk is: numbers and 是/否 as such, else text. */
function typed(text: string): unknown {
  const value = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value === 'true' || value === '是') return true;
  if (value === 'false' || value === '否') return false;
  return value;
}

/**
 * One open incident, as a clerk reads it: the step by name, the message in Chinese with names for
 * ids, and (for those who may) a small editor for the data the step's conditions need, which sets
 * it (POST /process-instances/{id}/variables, on the trail as 设置数据 by this person) and retries
 * (POST /incidents/{id}/resolve).
 */
export function incidentFix(incident: Incident, instance: ProcessInstance, model: ModelNames, options: { mayFix: boolean; onFixed: () => void }): HTMLElement {
  const step = incident.elementName ?? model.nameOf(incident.elementId) ?? t('Unnamed step');
  const message = model.withNames(pickLanguage(incident.message, incident.messageZh));
  const box = h('div', { class: 'incident-fix', 'data-incident-id': incident.id },
    h('strong', {}, t('The case stopped at “{step}”', { step })),
    incident.createdAt ? h('span', { class: 'muted' }, ` · ${formatDateTime(incident.createdAt)}`) : '',
    h('p', { class: 'error-text incident-message' }, message),
  );
  if (!options.mayFix) return box;

  const variables = instance.variables ?? {};
  const wanted = model.conditionData(incident.elementId);
  const rows: { name: () => string; value: () => string }[] = [];
  const body = h('tbody', {});
  for (const [name, choices] of wanted) {
    const current = variables[name];
    const input = choices.length
      ? h('select', { 'data-variable': name }, h('option', { value: '' }, t('Please choose')), choices.map((choice) => h('option', { value: choice, selected: current === choice }, choice)))
      : h('input', { 'data-variable': name, value: current === undefined || current === null ? '' : String(current) });
    rows.push({ name: () => name, value: () => input.value });
    // A clerk reads the form's label, else (one value wanted) the step's own question, 是否受理？.
    const label = model.labelOf(name) ?? (wanted.size === 1 && incident.elementName ? incident.elementName : name);
    body.append(h('tr', {}, h('th', { class: 'variable-label' }, label), h('td', {}, input)));
  }
  const addRow = () => {
    const name = h('input', { class: 'new-variable-name', placeholder: t('Other data (name)') });
    const value = h('input', { class: 'new-variable-value', placeholder: t('Value') });
    rows.push({ name: () => name.value.trim(), value: () => value.value });
    body.append(h('tr', {}, h('th', {}, name), h('td', {}, value)));
  };
  if (!wanted.size) addRow();
  const feedback = h('p', { class: 'error-text', role: 'alert' });

  async function fix(): Promise<void> {
    feedback.textContent = '';
    const entries = rows.map((row) => [row.name(), row.value()] as const).filter(([name, value]) => name && value.trim() !== '');
    try {
      if (entries.length) {
        await api(`/process-instances/${encodeURIComponent(instance.id)}/variables`, {
          method: 'POST',
          body: { variables: Object.fromEntries(entries.map(([name, value]) => [name, typed(value)])) },
        });
      }
      await api(`/incidents/${encodeURIComponent(incident.id)}/resolve`, { method: 'POST', body: {} });
      notify(entries.length ? t('Data saved; the case continues') : t('Incident resolved; the case continues'), 'success');
      options.onFixed();
    } catch (error) {
      feedback.textContent = error instanceof ApiProblem ? error.describe() : String(error);
    }
  }

  box.append(
    h('p', { class: 'muted' }, t('Set the missing data, then retry: the case continues from this step.')),
    h('table', { class: 'list incident-variables' }, h('thead', {}, h('tr', {}, h('th', {}, t('Data to set')), h('th', {}, t('Value')))), body),
    h('div', { class: 'toolbar' },
      h('button', { type: 'button', onclick: addRow }, t('Add a field')),
      h('button', { type: 'button', class: 'primary fix-incident', onclick: () => void fix() }, t('Set data and retry')),
    ),
    feedback,
  );
  return box;
}

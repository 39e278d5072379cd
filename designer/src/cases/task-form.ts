import { h } from '../app/dom.js';
import { chineseDatePicker, formJsChineseModule, translateFormJsChrome } from '../i18n/form-js-module.js';
import { t } from '../i18n/index.js';
import { nameUnits } from './unit-names.js';
import type { CaseKind } from './case-kind.js';
import { isEverydayVariable, variableLabel } from './variable-labels.js';

/** A value the next step needs, as the server's refusal names it (with the model's choices, when it has them). */
export interface AskedValue {
  name: string;
  choices: Array<{ value: string; label: string }>;
}

/** A form the user fills to complete a task; `submit` returns the variables or the errors. */
export interface TaskForm {
  element: HTMLElement;
  submit(): { variables: Record<string, unknown>; errors: string[] };
  /** Adds fields for values the server asked for; false when the form cannot (a model's form-js form). */
  ask?(values: AskedValue[]): boolean;
}

const ZEEBE_NS = 'http://camunda.org/schema/zeebe/1.0';

/**
 * Find the form-js schema the model embeds for a user task: zeebe:formDefinition formKey
 * "camunda-forms:bpmn:<id>" pointing at a process-level zeebe:userTaskForm, or the legacy
 * zeebe:formDefinition/formKey on the task itself. Linked forms (formId) come from the API
 * (GET /user-tasks/{id}/form).
 */
export function embeddedFormSchema(xml: string, elementId: string): Record<string, unknown> | null {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  const task = [...document.getElementsByTagNameNS('*', 'userTask')].find((element) => element.getAttribute('id') === elementId);
  if (!task) return null;
  const definition = task.getElementsByTagNameNS(ZEEBE_NS, 'formDefinition')[0];
  const formKey = definition?.getAttribute('formKey') ?? '';
  const formId = formKey.replace(/^camunda-forms:bpmn:/, '');
  if (!formId) return null;
  const form = [...document.getElementsByTagNameNS(ZEEBE_NS, 'userTaskForm')].find((element) => element.getAttribute('id') === formId);
  if (!form?.textContent) return null;
  try {
    return JSON.parse(form.textContent) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** The variables a task hands to the case (its zeebe:ioMapping output targets): the generated form lets these be edited. */
export function taskOutputs(xml: string, elementId: string): string[] {
  const document = new DOMParser().parseFromString(xml, 'application/xml');
  const task = [...document.getElementsByTagNameNS('*', 'userTask')].find((element) => element.getAttribute('id') === elementId);
  if (!task) return [];
  return [...task.getElementsByTagNameNS(ZEEBE_NS, 'output')].map((output) => (output.getAttribute('target') ?? '').split('.')[0]).filter(Boolean);
}

/** Render the model's form with form-js (loaded only when a task has one). */
export async function formJsForm(schema: Record<string, unknown>, data: Record<string, unknown>): Promise<TaskForm> {
  await import('@bpmn-io/form-js/dist/assets/form-js.css');
  const { Form } = await import('@bpmn-io/form-js');
  await chineseDatePicker();
  const element = h('div', { class: 'form-js-container', id: 'task-form' });
  const form = new Form({ container: element, additionalModules: [formJsChineseModule] });
  translateFormJsChrome(element);
  await form.importSchema(schema, data);
  // What a form only shows (readonly, disabled: the applicant's data, masked) is never sent back.
  const shownOnly = new Set<string>();
  const collect = (components: unknown): void => {
    for (const component of Array.isArray(components) ? (components as Array<Record<string, unknown>>) : []) {
      if (typeof component.key === 'string' && (component.readonly === true || component.disabled === true)) shownOnly.add(component.key);
      collect(component.components);
    }
  };
  collect(schema.components);
  return {
    element,
    submit() {
      const { data: all, errors } = form.submit();
      const submitted = Object.fromEntries(Object.entries(all as Record<string, unknown>).filter(([key]) => !shownOnly.has(key)));
      // form-js keys errors by generated field ids: name the field by its label instead.
      const registry = form.get('formFieldRegistry') as { get(id: string): { label?: string; dateLabel?: string; timeLabel?: string; key?: string } | undefined };
      const messages = Object.entries(errors).map(([field, fieldErrors]) => {
        const known = registry.get(field);
        // A date/time field has no label of its own, only its date and time labels.
        return `${known?.label || known?.dateLabel || known?.timeLabel || known?.key || field}：${(fieldErrors as string[]).map((message) => t(message)).join('，')}`;
      });
      return { variables: submitted as Record<string, unknown>, errors: messages };
    },
  };
}

/**
 * Without a model form: the case data the task only shows, read-only and by its Chinese name;
 * an input for each value the task outputs (its output mappings) or the next step asks for (a
 * gateway's refusal, with the model's choices); new data as JSON only under 高级.
 */
export function generatedForm(variables: Record<string, unknown>, outputs: readonly string[] = [], caseKind: CaseKind = 'approval'): TaskForm {
  const fields: { name: string; input: HTMLInputElement | HTMLSelectElement; kind: 'string' | 'number' | 'boolean' }[] = [];
  const shown = h('dl', { class: 'case-fields generated-facts' });
  const grid = h('div', { class: 'generated-form' });
  const addField = (name: string, value: unknown, choices: AskedValue['choices'] = []): void => {
    if (fields.some((field) => field.name === name)) return;
    const label = variableLabel(name, caseKind);
    let input: HTMLInputElement | HTMLSelectElement;
    let kind: 'string' | 'number' | 'boolean' = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'string';
    if (choices.length) {
      input = h('select', { name, required: true }, h('option', { value: '' }, t('Please choose')), choices.map((choice) => h('option', { value: choice.value, selected: choice.value === value }, choice.label)));
      kind = 'string';
    } else if (kind === 'boolean') {
      input = h('select', { name }, h('option', { value: 'true', selected: value === true }, t('Yes')), h('option', { value: 'false', selected: value === false }, t('No')));
    } else {
      input = h('input', { name, type: kind === 'number' ? 'number' : 'text', value: value === undefined || value === null ? '' : String(value) });
    }
    fields.push({ name, input, kind });
    grid.append(h('label', { 'data-variable': name }, label, input));
  };
  // The data staff work with is shown; what the catalog binds for the engine is folded under 其他数据.
  const otherFacts = h('dl', { class: 'case-fields' });
  for (const [name, value] of Object.entries(variables)) {
    if (outputs.includes(name)) addField(name, value);
    else if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
      (isEverydayVariable(name) ? shown : otherFacts).append(h('dt', {}, variableLabel(name, caseKind)), h('dd', { 'data-variable': name }, value === null || value === '' ? '—' : typeof value === 'boolean' ? (value ? t('Yes') : t('No')) : String(value)));
    }
  }
  void nameUnits(shown);
  if (otherFacts.childElementCount) shown.append(h('details', { class: 'other-case-data' }, h('summary', {}, t('Other case data ({count})', { count: otherFacts.childElementCount / 2 })), otherFacts));
  for (const name of outputs) addField(name, variables[name]);
  const extra = h('textarea', { name: 'extra', rows: 3, id: 'task-extra-variables', placeholder: '{"approved": true}' });
  const advanced = h('details', { class: 'advanced-fold', id: 'task-advanced' }, h('summary', {}, t('Advanced')), h('label', { style: 'display:flex;margin-top:8px' }, t('More variables (JSON)'), extra));
  const element = h('div', { id: 'task-form' }, shown.childElementCount ? shown : null, grid, advanced);
  return {
    element,
    ask(values) {
      for (const value of values) addField(value.name, variables[value.name], value.choices);
      grid.querySelector<HTMLElement>(`[data-variable="${CSS.escape(values[0]?.name ?? '')}"] select, [data-variable="${CSS.escape(values[0]?.name ?? '')}"] input`)?.focus();
      return true;
    },
    submit() {
      const result: Record<string, unknown> = {};
      const errors: string[] = [];
      for (const field of fields) {
        const raw = field.input.value;
        const label = variableLabel(field.name);
        if (field.kind === 'number') {
          const number = Number(raw);
          if (raw.trim() === '' || Number.isNaN(number)) errors.push(t('{field} must be a number', { field: label }));
          else result[field.name] = number;
        } else if (field.kind === 'boolean') result[field.name] = raw === 'true';
        else if (field.input instanceof HTMLSelectElement && field.input.required && raw === '') errors.push(t('Please choose {field}', { field: label }));
        else result[field.name] = raw;
      }
      if (extra.value.trim()) {
        try {
          const parsed: unknown = JSON.parse(extra.value);
          if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
          Object.assign(result, parsed);
        } catch {
          errors.push(t('More variables must be a JSON object'));
        }
      }
      return { variables: result, errors };
    },
  };
}

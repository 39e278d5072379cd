import { h } from '../app/dom.js';
import { t } from '../i18n/index.js';

/** A form the user fills to complete a task; `submit` returns the variables or the errors. */
export interface TaskForm {
  element: HTMLElement;
  submit(): { variables: Record<string, unknown>; errors: string[] };
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

/** Render the model's form with form-js (loaded only when a task has one). */
export async function formJsForm(schema: Record<string, unknown>, data: Record<string, unknown>): Promise<TaskForm> {
  await import('@bpmn-io/form-js/dist/assets/form-js.css');
  const { Form } = await import('@bpmn-io/form-js');
  const element = h('div', { class: 'form-js-container', id: 'task-form' });
  const form = new Form({ container: element });
  await form.importSchema(schema, data);
  return {
    element,
    submit() {
      const { data: submitted, errors } = form.submit();
      // form-js keys errors by generated field ids: name the field by its label instead.
      const registry = form.get('formFieldRegistry') as { get(id: string): { label?: string; key?: string } | undefined };
      const messages = Object.entries(errors).map(([field, fieldErrors]) => {
        const known = registry.get(field);
        return `${known?.label ?? known?.key ?? field}：${(fieldErrors as string[]).map((message) => t(message)).join('，')}`;
      });
      return { variables: submitted as Record<string, unknown>, errors: messages };
    },
  };
}

/** Without a model form: one field per plain variable and a JSON box for new data (the opinion is its own field, kept on the trail). */
export function generatedForm(variables: Record<string, unknown>): TaskForm {
  const fields: { name: string; input: HTMLInputElement | HTMLSelectElement; kind: 'string' | 'number' | 'boolean' }[] = [];
  const grid = h('div', { class: 'generated-form' });
  for (const [name, value] of Object.entries(variables)) {
    if (typeof value === 'boolean') {
      const input = h('select', { name }, h('option', { value: 'true', selected: value }, t('Yes')), h('option', { value: 'false', selected: !value }, t('No')));
      fields.push({ name, input, kind: 'boolean' });
      grid.append(h('label', {}, name, input));
    } else if (typeof value === 'number' || typeof value === 'string') {
      const input = h('input', { name, type: typeof value === 'number' ? 'number' : 'text', value: String(value) });
      fields.push({ name, input, kind: typeof value === 'number' ? 'number' : 'string' });
      grid.append(h('label', {}, name, input));
    }
  }
  const extra = h('textarea', { name: 'extra', rows: 3, id: 'task-extra-variables', placeholder: '{"approved": true}' });
  const element = h(
    'div',
    { id: 'task-form' },
    grid,
    h('label', { style: 'display:flex;margin-top:8px' }, t('More variables (JSON)'), extra),
  );
  return {
    element,
    submit() {
      const result: Record<string, unknown> = {};
      const errors: string[] = [];
      for (const field of fields) {
        const raw = field.input.value;
        if (field.kind === 'number') {
          const number = Number(raw);
          if (raw.trim() === '' || Number.isNaN(number)) errors.push(t('{field} must be a number', { field: field.name }));
          else result[field.name] = number;
        } else if (field.kind === 'boolean') result[field.name] = raw === 'true';
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

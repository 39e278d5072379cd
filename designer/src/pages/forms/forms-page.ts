import { api, ApiProblem } from '../../api/client.js';
import type { DeployedForm, ListOf } from '../../api/types.js';
import { h } from '../../app/dom.js';
import { notify } from '../../app/notify.js';
import { navigate, type Route } from '../../app/router.js';
import { currentUser } from '../../auth/session.js';
import { chineseDatePicker, formJsEditorChineseModule, translateFormJsChrome } from '../../i18n/form-js-module.js';
import { t } from '../../i18n/index.js';

/** A new form: the choice a gateway branches on, as a required radio group with Chinese labels. */
const BLANK = (id: string) => ({
  id,
  type: 'default',
  schemaVersion: 16,
  components: [{ type: 'radio', id: 'Decision', key: 'decision', label: '办理结论', validate: { required: true }, values: [{ label: '同意', value: '同意' }, { label: '不同意', value: '不同意' }] }],
});

/**
 * 表单设计: the department's forms (linked by user tasks as zeebe:formDefinition formId), designed
 * with form-js's own editor (@bpmn-io/form-js, the same tool as Camunda Modeler's); 保存 deploys a new version.
 */
export async function renderPage(root: HTMLElement, route: Route): Promise<() => void> {
  const mayDeploy = currentUser()?.roles.includes('designer') ?? false;
  const list = h('div', { id: 'form-list' });
  const canvas = h('div', { id: 'form-editor', class: 'form-editor-canvas', style: 'min-height:560px' });
  const title = h('h2', { id: 'form-title' }, t('Select or create a form'));
  const idInput = h('input', { id: 'new-form-id', placeholder: 'permit-review', pattern: '[A-Za-z_][A-Za-z0-9_.-]*' });
  let editor: { saveSchema(): Record<string, unknown>; destroy(): void } | null = null;
  let openId: string | null = null;
  const stopTranslating = translateFormJsChrome(canvas);

  root.append(
    h('div', { class: 'toolbar' },
      mayDeploy ? [h('label', {}, t('New form id'), idInput), h('button', { id: 'new-form', onclick: () => (idInput.value.trim() ? navigate(`/forms/${encodeURIComponent(idInput.value.trim())}`) : idInput.focus()) }, t('New form'))] : null,
      h('span', { class: 'spacer' }),
      mayDeploy ? h('button', { id: 'save-form', class: 'primary', onclick: () => void save() }, t('Save and deploy')) : null,
    ),
    h('div', { class: 'split' }, h('div', { class: 'card' }, list), h('div', { class: 'card' }, title, canvas)),
  );

  async function loadList(): Promise<void> {
    const forms = await api<ListOf<DeployedForm>>('/forms').then((page) => page.items).catch(() => [] as DeployedForm[]);
    list.replaceChildren(forms.length
      ? h('table', { class: 'list' }, h('tbody', {}, forms.map((form) =>
          h('tr', { class: `clickable ${form.formId === route.params[0] ? 'selected' : ''}`, 'data-form-id': form.formId, onclick: () => navigate(`/forms/${encodeURIComponent(form.formId)}`) },
            h('td', {}, form.formId), h('td', { class: 'muted' }, t('Version {version}', { version: form.version }))))))
      : h('p', { class: 'empty' }, t('No forms yet')));
  }

  async function open(formId: string): Promise<void> {
    const existing = await api<DeployedForm>(`/forms/${encodeURIComponent(formId)}`).catch((error: unknown) => {
      if (error instanceof ApiProblem && error.status === 404) return null;
      throw error;
    });
    await import('@bpmn-io/form-js/dist/assets/form-js.css');
    await import('@bpmn-io/form-js/dist/assets/form-js-editor.css');
    const { FormEditor } = await import('@bpmn-io/form-js');
    await chineseDatePicker();
    editor?.destroy();
    const created = new FormEditor({ container: canvas, additionalModules: [formJsEditorChineseModule] });
    await created.importSchema(existing?.schema ?? BLANK(formId));
    editor = created as unknown as typeof editor;
    openId = formId;
    title.textContent = existing ? `${formId} · ${t('Version {version}', { version: existing.version })}` : `${formId} · ${t('New form')}`;
  }

  async function save(): Promise<void> {
    if (!editor || !openId) return;
    try {
      const schema = { ...editor.saveSchema(), id: openId };
      const saved = await api<DeployedForm>('/forms', { method: 'POST', body: schema });
      notify(t('Form saved as version {version}', { version: saved.version }), 'success');
      title.textContent = `${openId} · ${t('Version {version}', { version: saved.version })}`;
      await loadList();
    } catch (error) {
      notify(error instanceof ApiProblem ? error.describe() : String(error), 'error');
    }
  }

  await loadList();
  if (route.params[0]) await open(route.params[0]);
  return () => {
    stopTranslating();
    editor?.destroy();
  };
}

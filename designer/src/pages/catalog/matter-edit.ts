import { api, ApiProblem } from '../../api/client.js';
import type { Matter } from '../../api/types.js';
import { h } from '../../app/dom.js';
import { openFormDialog } from '../../app/form-dialog.js';
import { notify } from '../../app/notify.js';
import { navigate } from '../../app/router.js';
import { pickLanguage, t } from '../../i18n/index.js';
import { chinaToday } from './catalog-values.js';

const MATTER_TYPES = ['行政许可', '行政处罚', '行政强制', '行政征收', '行政给付', '行政检查', '行政确认', '行政奖励', '行政裁决', '其他行政权力', '公共服务', '诉求工单', '城管事件', '抽查事项', '协同事项'];
const SERVICE_OBJECTS = ['自然人', '法人', '其他组织'];
const HANDLING_FORMS = ['即办件', '承诺件', '上报件'];
const UNITS = ['workingDay', 'naturalDay', 'hour', 'month', 'year'];
/** What GET /catalog/matters/:code adds to the stored document; a new version is the document alone. */
const READ_ONLY = ['version', 'validFrom', 'validTo', 'department', 'departmentName', 'processId', 'processDepartment'];

interface Limit {
  value: number;
  unit: string;
  [more: string]: unknown;
}

/**
 * 编辑事项: a form over the matter's main fields. Saving drafts an adjustment batch with this
 * one change (the catalog changes only through batches), then opens it to read and publish.
 * What is wrong is said in Chinese under the field it concerns, by the form and by the server.
 */
export async function editMatter(matter: Matter): Promise<void> {
  const stored = await api<Record<string, unknown>>(`/catalog/matters/${encodeURIComponent(matter.code)}?version=${String(matter.version)}`);
  const document = Object.fromEntries(Object.entries(stored).filter(([key]) => !READ_ONLY.includes(key)));
  const messages = new Map<string, HTMLElement>();
  const field = (name: string, label: string, control: HTMLElement | HTMLElement[]) => {
    const message = h('span', { class: 'field-error', id: `matter-${name}-error`, role: 'alert', hidden: true });
    messages.set(name, message);
    return h('label', { 'data-field': name }, label, ...(Array.isArray(control) ? [h('span', { class: 'inline-controls' }, ...control)] : [control]), message);
  };
  const name = h('input', { id: 'matter-name', value: String(document.name ?? ''), maxlength: 200 });
  const matterType = h('select', { id: 'matter-type' }, MATTER_TYPES.map((type) => h('option', { value: type, selected: type === document.matterType }, type)));
  const objects = SERVICE_OBJECTS.map((object) => h('input', { type: 'checkbox', value: object, 'data-object': object, checked: ((document.serviceObjects as string[] | undefined) ?? []).includes(object) }));
  const limitInputs = (key: string) => {
    const limit = document[key] as Limit | undefined;
    const value = h('input', { id: `matter-${key}`, type: 'number', min: 0, step: 1, value: limit?.value ?? '', class: 'short' });
    const unit = h('select', { id: `matter-${key}-unit` }, UNITS.map((entry) => h('option', { value: entry, selected: entry === (limit?.unit ?? 'workingDay') }, t(`unit.${entry}`))));
    return { value, unit, limit };
  };
  const legal = limitInputs('legalTimeLimit');
  const promised = limitInputs('promisedTimeLimit');
  const handlingForm = h('select', { id: 'matter-handling-form' }, h('option', { value: '' }, t('(not set)')), HANDLING_FORMS.map((form) => h('option', { value: form, selected: form === document.handlingForm }, form)));
  const visits = h('input', { id: 'matter-visits', type: 'number', min: 0, max: 10, step: 1, value: document.visitsRequired as number | undefined ?? '', class: 'short' });
  const charged = h('input', { id: 'matter-charged', type: 'checkbox', checked: document.isCharged === true });
  const reason = h('input', { id: 'matter-reason', placeholder: t('e.g. 压缩承诺时限') });
  const effective = h('input', { id: 'matter-effective', type: 'date', value: chinaToday() });

  const showAt = (fieldName: string, text: string) => {
    const message = messages.get(fieldName) ?? messages.get('general')!;
    message.textContent = message.hidden ? text : `${message.textContent}；${text}`;
    message.hidden = false;
  };
  const clearMessages = () => messages.forEach((message) => { message.hidden = true; message.textContent = ''; });
  const number = (input: HTMLInputElement) => (input.value.trim() === '' ? undefined : Number(input.value));

  /** The form's own checks, each said at its field; the first problem is also the dialog's summary. */
  const validate = (): string | null => {
    clearMessages();
    if (!name.value.trim()) showAt('name', t('Enter the matter name'));
    if (!objects.some((box) => box.checked)) showAt('serviceObjects', t('Choose at least one service object'));
    for (const [key, inputs] of [['legalTimeLimit', legal], ['promisedTimeLimit', promised]] as const) {
      const value = number(inputs.value);
      if (value !== undefined && (!Number.isInteger(value) || value < 0)) showAt(key, t('A time limit is a whole number of 0 or more'));
    }
    const legalValue = number(legal.value);
    const promisedValue = number(promised.value);
    if (legalValue !== undefined && promisedValue !== undefined && legal.unit.value === promised.unit.value && promisedValue > legalValue) {
      showAt('promisedTimeLimit', t('The promised limit may not exceed the statutory limit ({n})', { n: `${legalValue} ${t(`unit.${legal.unit.value}`)}` }));
    }
    const visitCount = number(visits);
    if (visitCount !== undefined && (!Number.isInteger(visitCount) || visitCount < 0 || visitCount > 10)) showAt('visitsRequired', t('Visits are a whole number from 0 to 10'));
    if (!reason.value.trim()) showAt('reason', t('Say why the matter changes'));
    if (!effective.value) showAt('effectiveDate', t('Choose the effective date'));
    const first = [...messages.values()].find((message) => !message.hidden);
    return first ? t('Correct the fields marked in red') : null;
  };

  const limitOf = (inputs: ReturnType<typeof limitInputs>): Limit | undefined => {
    const value = number(inputs.value);
    return value === undefined ? undefined : { ...(inputs.limit ?? {}), value, unit: inputs.unit.value };
  };
  const next = (): Record<string, unknown> => {
    const changed: Record<string, unknown> = {
      ...document,
      name: name.value.trim(),
      matterType: matterType.value,
      serviceObjects: objects.filter((box) => box.checked).map((box) => box.value),
      legalTimeLimit: limitOf(legal),
      promisedTimeLimit: limitOf(promised),
      handlingForm: handlingForm.value || undefined,
      visitsRequired: number(visits),
      isCharged: charged.checked,
    };
    return Object.fromEntries(Object.entries(changed).filter(([, value]) => value !== undefined));
  };

  let created: string | null = null;
  const done = await openFormDialog({
    id: 'matter-edit-dialog',
    title: t('Edit matter {name}', { name: String(document.name) }),
    submitLabel: t('Save as a draft batch'),
    body: [
      h('p', { class: 'muted wide' }, t('Saving drafts an adjustment batch with this change; it takes effect once a catalog administrator publishes it.')),
      field('name', t('field.name'), name),
      field('matterType', t('field.matterType'), matterType),
      field('serviceObjects', t('field.serviceObjects'), objects.map((box) => h('span', { class: 'check' }, box, box.value))),
      field('legalTimeLimit', t('field.legalTimeLimit'), [legal.value, legal.unit]),
      field('promisedTimeLimit', t('field.promisedTimeLimit'), [promised.value, promised.unit]),
      field('handlingForm', t('field.handlingForm'), handlingForm),
      field('visitsRequired', t('field.visitsRequired'), visits),
      field('isCharged', t('field.isCharged'), h('span', { class: 'check' }, charged, t('Yes'))),
      field('reason', t('Reason for the change'), reason),
      field('effectiveDate', t('Effective date'), effective),
      field('general', '', []),
    ],
    validate,
    submit: async () => {
      try {
        const batch = await api<{ id: string }>('/catalog/batches', {
          body: {
            name: t('Change of matter {name}', { name: name.value.trim() }),
            reason: reason.value.trim(),
            effectiveDate: effective.value,
            items: [{ entity: 'matter', action: 'modify', code: matter.code, document: next() }],
          },
        });
        created = batch.id;
      } catch (error) {
        if (error instanceof ApiProblem) placeServerErrors(error);
        throw error;
      }
    },
  });
  if (done && created) {
    notify(t('The change is drafted; publish it to take effect'), 'success');
    navigate(`/catalog/batches/${encodeURIComponent(created)}`);
  }

  /** The server's refusals at their fields ("/promisedTimeLimit/value" → 承诺办结时限), without the pointer it starts with. */
  function placeServerErrors(error: ApiProblem): void {
    clearMessages();
    for (const entry of (error.problem.errors ?? []) as { field?: string; pointer?: string; message?: string; messageZh?: string }[]) {
      const pointer = entry.field ?? entry.pointer ?? '';
      const top = pointer.split('/')[1] ?? '';
      const text = pickLanguage(entry.message, entry.messageZh).replace(/^\/\S*?[：:]\s*/, '');
      showAt(messages.has(top) ? top : 'general', text);
    }
  }
}

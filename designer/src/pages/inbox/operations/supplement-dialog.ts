import type { UserTask } from '../../../api/types.js';
import { h } from '../../../app/dom.js';
import { openFormDialog } from '../../../app/form-dialog.js';
import { t } from '../../../i18n/index.js';
import { reasonField } from './fields.js';
import { postTaskOperation } from './post-operation.js';

/** 补正: ask the applicant for missing materials; the task waits and the clocks pause until they resubmit. */
export function openSupplementDialog(task: UserTask): Promise<boolean> {
  const reason = reasonField('supplement-reason', t('What is missing or wrong (required)'));
  const materials = h('textarea', { id: 'supplement-materials', placeholder: t('One material per line') });
  const basis = h('input', { id: 'supplement-basis', maxlength: 300, placeholder: t('e.g. 《行政许可法》第三十二条') });
  return openFormDialog({
    id: 'supplement-dialog',
    title: t('Ask the applicant to complete the application (补正)'),
    body: [
      h('p', { class: 'muted' }, t('The statutory clock pauses until the applicant resubmits.')),
      reason.element,
      h('label', {}, t('Materials to supply'), materials),
      h('label', {}, t('Legal basis'), basis),
    ],
    submitLabel: t('Ask for supplement'),
    validate: reason.problem,
    submit: async () => {
      const list = materials.value.split('\n').map((line) => line.trim()).filter(Boolean);
      await postTaskOperation(task.id, 'supplement-request', { reason: reason.value(), ...(list.length ? { materials: list } : {}), ...(basis.value.trim().length >= 2 ? { legalBasis: basis.value.trim() } : {}) });
    },
  });
}

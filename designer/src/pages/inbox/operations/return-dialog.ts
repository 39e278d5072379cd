import { api } from '../../../api/client.js';
import type { ReturnTarget } from '../../../api/operation-types.js';
import type { ListOf, UserTask } from '../../../api/types.js';
import { formatDateTime, h } from '../../../app/dom.js';
import { openFormDialog } from '../../../app/form-dialog.js';
import { t } from '../../../i18n/index.js';
import { reasonField, radioGroup } from './fields.js';
import { postTaskOperation } from './post-operation.js';

/** 退回: send the case back to a step it passed, by that step's name and who did it; a reason is required. */
export async function openReturnDialog(task: UserTask): Promise<boolean> {
  const targets = (await api<ListOf<ReturnTarget>>(`/user-tasks/${encodeURIComponent(task.id)}/return-targets`)).items;
  const reason = reasonField('return-reason');
  const opinion = h('textarea', { id: 'return-opinion', maxlength: 2000, placeholder: t('Optional: your opinion on this step') });
  const choice = targets.length
    ? radioGroup('return-target', targets.map((target) => ({
        value: target.elementId,
        label: `${target.name ?? t('Unnamed step')}${target.completedByName || target.completedBy ? ` · ${t('done by {name}', { name: target.completedByName ?? target.completedBy })}` : ''} · ${formatDateTime(target.completedAt)}`,
      })), targets[targets.length - 1].elementId)
    : null;
  return openFormDialog({
    id: 'return-dialog',
    title: t('Send back (退回) “{task}”', { task: task.name ?? t('this task') }),
    body: [
      h('p', { class: 'muted' }, t('The case goes back to the chosen step, to whoever did it. Steps open now are closed.')),
      choice ? h('label', {}, t('Back to step'), choice.element) : h('p', { class: 'error-text' }, t('This case has no earlier step to go back to.')),
      reason.element,
      h('label', {}, t('Opinion'), opinion),
    ],
    submitLabel: t('Send back'),
    validate: () => (choice ? reason.problem() : t('This case has no earlier step to go back to.')),
    submit: async () => {
      await postTaskOperation(task.id, 'return', { targetElementId: choice!.value(), reason: reason.value(), ...(opinion.value.trim() ? { opinion: opinion.value.trim() } : {}) });
    },
  });
}

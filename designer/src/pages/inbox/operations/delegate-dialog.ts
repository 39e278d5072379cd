import type { Me, UserTask } from '../../../api/types.js';
import { h } from '../../../app/dom.js';
import { openFormDialog } from '../../../app/form-dialog.js';
import { t } from '../../../i18n/index.js';
import { departmentUsers } from '../../../staff/staff-directory.js';
import { reasonField, userSelect } from './fields.js';
import { postTaskOperation } from './post-operation.js';

/** 委托: a colleague works my task; by default it comes back to me for a last look when they are done. */
export async function openDelegateDialog(task: UserTask, me: Me): Promise<boolean> {
  const users = await departmentUsers(task.department ?? me.department);
  const person = userSelect('delegate-user', users, [me.id], t('Delegate to'));
  const comesBack = h('input', { type: 'checkbox', id: 'delegate-return', checked: true });
  const reason = reasonField('delegate-reason');
  return openFormDialog({
    id: 'delegate-dialog',
    title: t('Delegate (委托) “{task}”', { task: task.name ?? t('this task') }),
    body: [person.element, h('label', { class: 'checkbox' }, h('span', {}, comesBack, ' ', t('Comes back to me for a last look when done'))), reason.element],
    submitLabel: t('Delegate'),
    validate: () => (person.value() ? reason.problem() : t('Choose the colleague')),
    submit: async () => {
      await postTaskOperation(task.id, 'delegate', { to: person.value(), returnToMe: comesBack.checked, reason: reason.value() });
    },
  });
}

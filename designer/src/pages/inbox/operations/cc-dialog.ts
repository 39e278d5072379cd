import { api } from '../../../api/client.js';
import type { Me, UserTask } from '../../../api/types.js';
import { h } from '../../../app/dom.js';
import { openFormDialog } from '../../../app/form-dialog.js';
import { t } from '../../../i18n/index.js';
import { departmentUsers } from '../../../staff/staff-directory.js';
import { reasonField } from './fields.js';

/** 抄送: named people may read the case and its trail, and are notified. */
export async function openCopyDialog(task: UserTask, me: Me): Promise<boolean> {
  const users = (await departmentUsers(me.department)).filter((user) => !user.disabled && user.id !== me.id);
  const boxes = users.map((user) => h('input', { type: 'checkbox', value: user.id, id: `cc-${user.id}` }));
  const reason = reasonField('cc-reason');
  const chosen = () => boxes.filter((box) => box.checked).map((box) => box.value);
  return openFormDialog({
    id: 'cc-dialog',
    title: t('Copy the case (抄送)'),
    body: [
      h('fieldset', { class: 'radio-group', id: 'cc-users' }, users.map((user, index) => h('label', { for: boxes[index].id }, boxes[index], ` ${user.name}`))),
      reason.element,
    ],
    submitLabel: t('Copy'),
    validate: () => (chosen().length ? reason.problem() : t('Choose at least one person')),
    submit: async () => {
      await api(`/process-instances/${encodeURIComponent(task.processInstanceId)}/cc`, { method: 'POST', body: { users: chosen(), reason: reason.value() } });
    },
  });
}

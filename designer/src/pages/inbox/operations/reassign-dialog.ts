import type { UserTask } from '../../../api/types.js';
import { h } from '../../../app/dom.js';
import { openFormDialog } from '../../../app/form-dialog.js';
import { t } from '../../../i18n/index.js';
import { departments } from '../../../staff/staff-directory.js';
import { reasonField } from './fields.js';
import { postTaskOperation } from './post-operation.js';

/** 改派: send the task to the department that handles it; that unit may 退单 it back within the limit. */
export async function openReassignDialog(task: UserTask): Promise<boolean> {
  const all = await departments();
  const select = h('select', { id: 'reassign-department' },
    h('option', { value: '' }, t('— choose a department —')),
    all.filter((entry) => entry.code !== task.department).map((entry) => h('option', { value: entry.code }, entry.name)),
  );
  const reason = reasonField('reassign-reason');
  return openFormDialog({
    id: 'reassign-dialog',
    title: t('Reassign (改派) “{task}” to another department', { task: task.name ?? t('this task') }),
    body: [h('label', {}, t('Department'), select), reason.element],
    submitLabel: t('Reassign'),
    validate: () => (select.value ? reason.problem() : t('Choose the department')),
    submit: async () => {
      await postTaskOperation(task.id, 'reassign', { department: select.value, reason: reason.value() });
    },
  });
}

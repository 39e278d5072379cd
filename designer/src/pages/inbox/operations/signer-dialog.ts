import type { Me, UserTask } from '../../../api/types.js';
import { h } from '../../../app/dom.js';
import { openFormDialog } from '../../../app/form-dialog.js';
import { t } from '../../../i18n/index.js';
import { departmentUsers } from '../../../staff/staff-directory.js';
import { radioGroup, reasonField, userSelect } from './fields.js';
import { postTaskOperation } from './post-operation.js';

type Position = 'before' | 'after' | 'parallel';

/** 加签: a colleague signs before me (前加签), after me (后加签), or as one more signer of a 会签/或签. */
export async function openSignerDialog(task: UserTask, me: Me): Promise<boolean> {
  const users = await departmentUsers(task.department ?? me.department);
  const position = radioGroup<Position>('signer-position', [
    { value: 'before', label: t('Before me (前加签)') },
    { value: 'after', label: t('After me (后加签)') },
    { value: 'parallel', label: t('One more countersigner (会签加一人)') },
  ], 'before');
  const person = userSelect('signer-user', users, [me.id], t('Signer'));
  const reason = reasonField('signer-reason');
  return openFormDialog({
    id: 'signer-dialog',
    title: t('Add a signer (加签) to “{task}”', { task: task.name ?? t('this task') }),
    body: [h('label', {}, t('Where'), position.element), person.element, reason.element],
    submitLabel: t('Add signer'),
    validate: () => (person.value() ? reason.problem() : t('Choose the signer')),
    submit: async () => {
      await postTaskOperation(task.id, 'signers', { position: position.value(), user: person.value(), reason: reason.value() });
    },
  });
}

import type { UserTask } from '../../../api/types.js';
import { h } from '../../../app/dom.js';
import { openFormDialog } from '../../../app/form-dialog.js';
import { t } from '../../../i18n/index.js';
import { reasonField } from './fields.js';
import { postTaskOperation } from './post-operation.js';

/** 退单: the receiving unit returns a task that is not its business to the dispatcher, within the limit. */
export function openSendBackDialog(task: UserTask): Promise<boolean> {
  const reason = reasonField('send-back-reason', t('Why it is not ours to handle (required)'));
  return openFormDialog({
    id: 'send-back-dialog',
    title: t('Send back to the dispatcher (退单)'),
    body: [h('p', { class: 'muted' }, t('The task returns to {department}.', { department: task.case?.departmentName ?? t('the dispatching department') })), reason.element],
    submitLabel: t('Send back to dispatcher'),
    validate: reason.problem,
    submit: async () => {
      await postTaskOperation(task.id, 'send-back', { reason: reason.value() });
    },
  });
}

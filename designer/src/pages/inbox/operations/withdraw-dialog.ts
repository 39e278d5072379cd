import type { UserTask } from '../../../api/types.js';
import { h } from '../../../app/dom.js';
import { openFormDialog } from '../../../app/form-dialog.js';
import { t } from '../../../i18n/index.js';
import { reasonField } from './fields.js';
import { postTaskOperation } from './post-operation.js';

/** 撤回: take back a step I completed, while the next step is not yet claimed. */
export function openWithdrawDialog(task: UserTask): Promise<boolean> {
  const reason = reasonField('withdraw-reason');
  return openFormDialog({
    id: 'withdraw-dialog',
    title: t('Take back (撤回) “{task}”', { task: task.name ?? t('this task') }),
    body: [h('p', { class: 'muted' }, t('Possible while nobody has claimed the next step.')), reason.element],
    submitLabel: t('Take back'),
    validate: reason.problem,
    submit: async () => {
      await postTaskOperation(task.id, 'withdraw', { reason: reason.value() });
    },
  });
}

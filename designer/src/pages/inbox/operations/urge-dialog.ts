import type { UserTask } from '../../../api/types.js';
import { h } from '../../../app/dom.js';
import { openFormDialog } from '../../../app/form-dialog.js';
import { notify } from '../../../app/notify.js';
import { t } from '../../../i18n/index.js';
import { postTaskOperation } from './post-operation.js';

/** 催办: remind whoever works the step (once an hour per task); the server says who was notified. */
export function openUrgeDialog(task: UserTask): Promise<boolean> {
  const message = h('textarea', { id: 'urge-message', maxlength: 500, placeholder: t('e.g. 申请人来电催问进度') });
  return openFormDialog({
    id: 'urge-dialog',
    title: t('Urge (催办) “{task}”', { task: task.name ?? t('this task') }),
    body: [h('p', { class: 'muted' }, task.assigneeName ? t('{name} will be notified.', { name: task.assigneeName }) : t('Everyone on the step’s post will be notified.')), h('label', {}, t('Message'), message)],
    submitLabel: t('Urge'),
    submit: async () => {
      const result = (await postTaskOperation(task.id, 'urge', message.value.trim() ? { message: message.value.trim() } : {})) as { notified: string[] };
      notify(t('Urged: {count} people notified', { count: result.notified.length }), 'success');
    },
  });
}

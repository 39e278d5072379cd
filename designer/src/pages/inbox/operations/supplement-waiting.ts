import type { HistoryEvent, UserTask } from '../../../api/types.js';
import { formatDateTime, h } from '../../../app/dom.js';
import { openFormDialog } from '../../../app/form-dialog.js';
import { t } from '../../../i18n/index.js';
import { postTaskOperation } from './post-operation.js';

/** The 补正 request this task still waits on: the last one on its trail with no resubmission after it. */
export function pendingSupplement(task: UserTask, history: HistoryEvent[]): HistoryEvent | null {
  let pending: HistoryEvent | null = null;
  for (const event of [...history].sort((a, b) => a.at.localeCompare(b.at))) {
    if (event.elementInstanceId !== task.elementInstanceId) continue;
    if (event.type === 'userTask.supplementRequested') pending = event;
    if (event.type === 'userTask.supplemented') pending = null;
  }
  return task.state === 'created' ? pending : null;
}

/**
 * While the applicant owes materials the task cannot be completed: say so, what was asked and when,
 * and let the window register the resubmission (the clocks run again).
 */
export function supplementWaiting(task: UserTask, request: HistoryEvent, onDone: () => Promise<void>): HTMLElement {
  const materials = Array.isArray(request.data?.materials) ? (request.data.materials as string[]).join('、') : '';
  const register = async () => {
    const note = h('textarea', { id: 'supplement-note', maxlength: 1000, placeholder: t('e.g. 申请人已到窗口补交健康证明') });
    const done = await openFormDialog({
      id: 'supplemented-dialog',
      title: t('Register the applicant’s resubmission'),
      body: [h('p', { class: 'muted' }, t('The statutory clock runs again from now.')), h('label', {}, t('Note'), note)],
      submitLabel: t('Register resubmission'),
      submit: async () => {
        await postTaskOperation(task.id, 'supplement', note.value.trim() ? { note: note.value.trim() } : {});
      },
    });
    if (done) await onDone();
  };
  return h('div', { class: 'task-banner warning', id: 'supplement-waiting' },
    h('div', {}, h('strong', {}, t('Waiting for the applicant to supplement (clock paused)')), ` · ${formatDateTime(request.at)}`),
    typeof request.data?.reason === 'string' ? h('div', {}, `${t('Reason')}：${request.data.reason}`) : null,
    materials ? h('div', {}, `${t('Materials to supply')}：${materials}`) : null,
    h('button', { type: 'button', id: 'register-supplement', onclick: () => void register() }, t('Register resubmission')),
  );
}

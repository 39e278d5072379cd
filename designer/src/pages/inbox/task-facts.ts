import type { Me, ProcessInstance, UserTask } from '../../api/types.js';
import { formatDateTime, h } from '../../app/dom.js';
import { t } from '../../i18n/index.js';
import { deadlineText } from '../../sla/deadline-badge.js';

/** Who someone is, as a clerk reads it: a name, "me", never a bare account id when a name is known. */
export function personName(id: string | null | undefined, name: string | null | undefined, me: Me): string {
  if (!id) return '';
  return id === me.id ? `${name ?? me.name}（${t('me')}）` : (name ?? id);
}

/** The facts of a task: the case by its number and matter name, department and people by name, China time. */
export function taskFacts(task: UserTask, instance: ProcessInstance | null, me: Me): HTMLElement {
  const businessKey = task.case?.businessKey ?? instance?.businessKey ?? null;
  const processName = task.case?.processName ?? null;
  return h('dl', { class: 'case-fields', id: 'task-facts' },
    h('dt', {}, t('Case')), h('dd', { id: 'task-case' }, businessKey ?? t('No case number')),
    h('dt', {}, t('Matter')), h('dd', {}, processName ?? instance?.processName ?? instance?.processId ?? '—'),
    task.case?.applicantName ? [h('dt', {}, t('Applicant')), h('dd', {}, task.case.applicantName)] : null,
    h('dt', {}, t('Department')), h('dd', { id: 'task-department' }, task.departmentName ?? task.department ?? '—'),
    h('dt', {}, t('Posts')), h('dd', {}, (task.candidateGroups ?? []).join('、') || '—'),
    h('dt', {}, t('Assignee')), h('dd', { id: 'task-assignee' }, task.assignee ? personName(task.assignee, task.assigneeName, me) : t('Unclaimed')),
    h('dt', {}, t('Created')), h('dd', {}, formatDateTime(task.createdAt)),
    h('dt', {}, t('Due')), h('dd', { id: 'task-due' }, deadlineText(task.dueDate) || '—'),
  ) as HTMLElement;
}

import type { Me, ProcessInstance, UserTask } from '../../api/types.js';
import { formatDateTime, h } from '../../app/dom.js';
import { t } from '../../i18n/index.js';
import { caseKind, caseWords } from '../../cases/case-kind.js';
import { deadlineText } from '../../sla/deadline-badge.js';

/** Who someone is, as a clerk reads it: a name, "me", never a bare account id when a name is known. */
export function personName(id: string | null | undefined, name: string | null | undefined, me: Me): string {
  if (!id) return '';
  return id === me.id ? `${name ?? me.name}（${t('me')}）` : (name ?? id);
}

/**
 * The facts of a task: the case by its number and matter name (the catalog's, else the process's), the
 * applicant (an appeal's 诉求人), department and people by name, China time; a reopened case says which
 * round it is and links the case it reopens.
 */
export function taskFacts(task: UserTask, instance: ProcessInstance | null, me: Me, due: string | null = task.dueDate): HTMLElement {
  const variables = instance?.variables ?? {};
  const businessKey = task.case?.businessKey ?? instance?.businessKey ?? null;
  const matter = variables.matter && typeof variables.matter === 'object' ? (variables.matter as { name?: unknown }).name : undefined;
  const processName = typeof matter === 'string' ? matter : (task.case?.matterName ?? task.case?.processName ?? null);
  const reopenCount = typeof variables.reopenCount === 'number' ? variables.reopenCount : null;
  const reopenOf = typeof variables.reopenOf === 'string' ? variables.reopenOf : null;
  return h('dl', { class: 'case-fields', id: 'task-facts' },
    h('dt', {}, t('Case')), h('dd', { id: 'task-case' }, businessKey ?? t('No case number')),
    reopenCount !== null
      ? [h('dt', {}, t('Handling round')), h('dd', { id: 'task-round' }, t('Handled for the {n}th time', { n: reopenCount + 1 }), reopenOf ? [' · ', h('a', { href: `#/monitor/${reopenOf}`, id: 'task-original-case' }, t('Open the original case'))] : null)]
      : null,
    h('dt', {}, t('Matter')), h('dd', { id: 'task-matter' }, processName ?? instance?.processName ?? instance?.processId ?? '—'),
    task.case?.applicantName ? [h('dt', {}, t(caseWords(caseKind(variables)).applicant)), h('dd', { id: 'task-applicant' }, task.case.applicantName)] : null,
    h('dt', {}, t('Department')), h('dd', { id: 'task-department' }, task.departmentName ?? task.department ?? '—'),
    h('dt', {}, t('Posts')), h('dd', {}, (task.candidateGroups ?? []).join('、') || '—'),
    h('dt', {}, t('Assignee')), h('dd', { id: 'task-assignee' }, task.assignee ? personName(task.assignee, task.assigneeName, me) : t('Unclaimed')),
    h('dt', {}, t('Created')), h('dd', {}, formatDateTime(task.createdAt)),
    h('dt', {}, t('Due')), h('dd', { id: 'task-due' }, deadlineText(due) || '—'),
  ) as HTMLElement;
}

import { h } from '../app/dom.js';
import { currentLanguage, t } from '../i18n/index.js';
import { formatDeadline } from './deadline-format.js';
import { deadlineStatus } from './deadline.js';

/** A coloured badge: 剩余 N 个工作日 (green), 临期 (yellow), 超期 (red). */
export function deadlineBadge(dueDate: string | null | undefined, serverState?: string | null): HTMLElement | null {
  const status = deadlineStatus(dueDate);
  if (!status) return null;
  const state = serverState === 'overdue' || serverState === 'warning' || serverState === 'normal' ? serverState : status.state;
  if (state === 'overdue') {
    return h('span', { class: 'badge badge-overdue', 'data-deadline': 'overdue' }, t('Overdue {days} working days', { days: Math.abs(status.workingDays) }));
  }
  if (state === 'warning') {
    return h('span', { class: 'badge badge-warning', 'data-deadline': 'warning' }, t('Due soon: {days} working days left', { days: status.workingDays }));
  }
  return h('span', { class: 'badge badge-ok', 'data-deadline': 'normal' }, t('{days} working days left', { days: status.workingDays }));
}

/** A deadline as a clerk reads it, in the app's language: "12-09 止" / "12-09 当日 17:30". */
export function deadlineText(dueDate: string | null | undefined): string {
  return formatDeadline(dueDate, currentLanguage());
}

/** A badge with the deadline's day beside it, for list cells. */
export function deadlineCell(badge: HTMLElement | null, dueDate: string | null | undefined): HTMLElement {
  const text = deadlineText(dueDate);
  return h('span', { class: 'deadline' }, badge ?? '', text ? h('span', { class: 'muted deadline-day', 'data-due': dueDate ?? '' }, ` ${text}`) : '');
}

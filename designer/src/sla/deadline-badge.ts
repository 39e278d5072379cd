import { h } from '../app/dom.js';
import { t } from '../i18n/index.js';
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

import { api } from '../api/client.js';
import { h } from '../app/dom.js';
import { t } from '../i18n/index.js';
import { deadlineText } from './deadline-badge.js';
import { fetchAll } from '../app/paged-list.js';

/** One SLA clock as GET /process-instances/{id}/sla and /user-tasks/{id}/sla return it. */
export interface SlaClock {
  id: string;
  subject: 'case' | 'task';
  kind: 'statutory' | 'committed' | 'response' | 'step';
  principal?: boolean;
  label?: string | null;
  taskId?: string | null;
  elementId?: string | null;
  state: 'running' | 'paused' | 'stopped';
  level: 'normal' | 'warning' | 'overdue';
  dueAt: string | null;
  unit?: 'workingDay' | 'naturalDay' | 'hour' | null;
  remaining: number | null;
  onTime?: boolean | null;
  escalationLevel?: number;
  /** Why dueAt is null for a running clock: a stable code and the reason in Chinese (engine/sla/sla-views.ts). */
  errorCode?: string | null;
  errorZh?: string | null;
}

export interface CaseSla {
  case: SlaClock[];
  tasks: SlaClock[];
  /** 不满意重办: the case this one reopens (engine/sla/sla-views.ts); reopenCount 1 is the second handling. */
  reopen?: { originalInstanceId: string; rootInstanceId: string; reopenCount: number } | null;
}

/** The case's clocks, or null while the SLA service is not there. */
export async function caseSla(instanceId: string): Promise<CaseSla | null> {
  return api<CaseSla | null>(`/process-instances/${encodeURIComponent(instanceId)}/sla`, { allowNotFound: true }).catch(() => null);
}

export async function taskSla(taskId: string): Promise<SlaClock[]> {
  const result = await api<{ items: SlaClock[] } | null>(`/user-tasks/${encodeURIComponent(taskId)}/sla`, { allowNotFound: true }).catch(() => null);
  return result?.items ?? [];
}

/** Running task clocks of my department (one request for the whole inbox). */
export async function openTaskClocks(): Promise<SlaClock[]> {
  return fetchAll<SlaClock>('/sla/clocks?subject=task&limit=500', 5000).catch(() => []);
}

/** The clock that decides 按时办结: the principal one, else the first running one. */
export function principalClock(clocks: SlaClock[]): SlaClock | undefined {
  return clocks.find((clock) => clock.principal) ?? clocks.find((clock) => clock.state === 'running') ?? clocks[0];
}

function remainingText(clock: SlaClock): string {
  if (clock.remaining === null) return '—';
  const unit = clock.unit === 'hour' ? t('hours') : clock.unit === 'naturalDay' ? t('natural days') : t('working days');
  const amount = Math.abs(Math.round(clock.remaining * 10) / 10);
  return clock.remaining < 0 ? t('{amount} {unit} overdue', { amount, unit }) : t('{amount} {unit} left', { amount, unit });
}

/** The server's own verdict: 正常 / 临期 / 超期 with the time left in the clock's unit. */
export function clockBadge(clock: SlaClock): HTMLElement {
  // A running clock the calendar cannot date yet is neither 正常 nor anything else: it says why it has no deadline.
  if (clock.state === 'running' && !clock.dueAt && clock.errorCode) {
    return h('span', { class: 'badge badge-undated', 'data-deadline': 'undated', 'data-clock-kind': clock.kind, title: clock.errorZh ?? '' }, undatedReason(clock.errorCode));
  }
  const css = clock.level === 'overdue' ? 'badge-overdue' : clock.level === 'warning' ? 'badge-warning' : 'badge-ok';
  const state = clock.state === 'stopped' ? (clock.onTime === false ? t('Completed late') : t('Completed on time')) : clock.state === 'paused' ? t('Paused') : t(`level.${clock.level}`);
  const timed = clock.state === 'running' && clock.remaining !== null;
  return h('span', { class: `badge ${css}`, 'data-deadline': clock.level, 'data-clock-kind': clock.kind }, timed ? `${state} · ${remainingText(clock)}` : state);
}

/**
 * The deadline cell: the day, or for a clock the calendar cannot date yet the reason in a clerk's words
 * (a year whose 节假日安排 is not published), with the engine's full explanation on hover.
 */
export function clockDueCell(clock: SlaClock): HTMLElement | string {
  if (clock.dueAt) return deadlineText(clock.dueAt) || '—';
  if (!clock.errorCode) return '—';
  return h('span', { class: 'muted undated', 'data-undated': clock.errorCode, title: clock.errorZh ?? '' }, undatedReason(clock.errorCode));
}

/** Why a clock has no deadline, in a clerk's words. */
function undatedReason(errorCode: string): string {
  return errorCode === 'CALENDAR_YEAR_NOT_LOADED' ? t('Holiday schedule not yet published') : t('Deadline cannot be computed');
}

/** stepName: the case's step names by element id (from its model), so a clerk reads 受理, not Activity_0x…. */
export function clocksTable(clocks: SlaClock[], stepName: (elementId: string) => string | null = () => null): HTMLElement {
  if (!clocks.length) return h('p', { class: 'muted' }, t('No time limits on this case'));
  return h('table', { class: 'list', id: 'sla-clocks' },
    h('thead', {}, h('tr', {}, h('th', {}, t('Time limit')), h('th', {}, t('Step')), h('th', {}, t('Due')), h('th', {}, t('State')), h('th', {}, t('Supervision')))),
    h('tbody', {}, clocks.map((clock) => h('tr', {},
      h('td', {}, `${t(`clock.${clock.kind}`)}${clock.label ? ` · ${clock.label}` : ''}`),
      h('td', {}, clock.elementId ? (stepName(clock.elementId) ?? t('Unnamed step')) : '—'),
      h('td', { class: 'deadline-day' }, clockDueCell(clock)),
      h('td', {}, clockBadge(clock)),
      h('td', {}, clock.escalationLevel ? t('Level {level}', { level: clock.escalationLevel }) : '—'),
    ))));
}

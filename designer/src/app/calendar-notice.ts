import { api } from '../api/client.js';
import type { Me } from '../api/types.js';
import { currentLanguage, t } from '../i18n/index.js';
import { h } from './dom.js';

/** What GET /calendar/readiness answers (engine/sla/calendar-readiness.ts). */
interface CalendarReadiness {
  year: number;
  loaded: boolean;
  needed: boolean;
  clocksWaiting: number;
}

/** Those who load the calendar or answer for deadlines across a department: they are told before clerks ask. */
const TOLD = ['admin', 'supervisor', 'department-admin'];
const ASK_AGAIN_MS = 10 * 60_000;
let asked: { at: number; answer: Promise<CalendarReadiness | null> } | undefined;

/**
 * A line under the header while next year's holiday schedule is missing and needed (from October, or once a time
 * limit waits for it): the limits that end in that year have no deadline until an administrator loads it.
 */
export function calendarNotice(user: Me | null): HTMLElement {
  const notice = h('div', { class: 'calendar-notice', role: 'status', hidden: true });
  if (!user || !user.roles.some((role) => TOLD.includes(role))) return notice;
  if (!asked || Date.now() - asked.at > ASK_AGAIN_MS) asked = { at: Date.now(), answer: api<CalendarReadiness>('/calendar/readiness').catch(() => null) };
  void asked.answer.then((readiness) => {
    if (!readiness?.needed) return;
    // In staff words: who loads it and what follows, not the API call (integrators read that in the API's message).
    const waiting = readiness.clocksWaiting > 0
      ? t('Running time limits that end in {year} and have no deadline yet: {count}.', { count: readiness.clocksWaiting, year: readiness.year })
      : t('Time limits that end in {year} will have no deadline until it is loaded.', { year: readiness.year });
    const sentences = [t('The official holiday schedule for {year} is not loaded yet.', { year: readiness.year }), waiting, t('An administrator loads it once the State Council publishes it; deadlines are then recomputed.')];
    notice.textContent = sentences.join(currentLanguage() === 'en' ? ' ' : '');
    notice.dataset.year = String(readiness.year);
    notice.hidden = false;
  });
  return notice;
}

import type { HistoryEvent } from '../api/types.js';
import { formatDateTime, h } from '../app/dom.js';
import { t } from '../i18n/index.js';

/** The case's trail, oldest first: 一张工单跟到底. People by name, steps by name, China time. */
export function historyTimeline(events: HistoryEvent[]): HTMLElement {
  if (!events.length) return h('p', { class: 'muted' }, t('No history yet'));
  return h(
    'ol',
    { class: 'timeline', id: 'history-timeline' },
    [...events]
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((event) =>
        h(
          'li',
          { class: event.type.endsWith('completed') ? 'completed' : '', 'data-type': event.type },
          h('div', { class: 'when' }, `${formatDateTime(event.at)}${event.actor ? ` · ${event.actorName ?? event.actor}` : ''}`),
          h('div', {}, h('strong', {}, t(`history.${event.type}`) === `history.${event.type}` ? event.type : t(`history.${event.type}`)), event.elementName ? ` ${event.elementName}` : ''),
          describeData(event.data),
        ),
      ),
  );
}

/** What a person needs from an entry's data: its reason, opinion or message; other fields stay in the API. */
const TOLD: [string, string][] = [
  ['reason', 'Reason'],
  ['opinion', 'Opinion'],
  ['message', 'Message'],
  ['note', 'Note'],
];

function describeData(data: Record<string, unknown> | null): HTMLElement | null {
  if (!data) return null;
  const lines = TOLD.filter(([key]) => typeof data[key] === 'string' && data[key]).map(([key, label]) => `${t(label)}：${String(data[key])}`);
  return lines.length ? h('div', { class: 'muted', style: 'font-size:12px' }, lines.join('　')) : null;
}

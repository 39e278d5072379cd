import type { HistoryEvent } from '../api/types.js';
import { formatDateTime, h } from '../app/dom.js';
import { t } from '../i18n/index.js';

/** The case's trail, oldest first: 一张工单跟到底. */
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
          h('div', { class: 'when' }, `${formatDateTime(event.at)}${event.actor ? ` · ${event.actor}` : ''}`),
          h('div', {}, h('strong', {}, t(`history.${event.type}`) === `history.${event.type}` ? event.type : t(`history.${event.type}`)), event.elementName || event.elementId ? ` ${event.elementName ?? ''}${event.elementId ? `（${event.elementId}）` : ''}` : ''),
          describeData(event.data),
        ),
      ),
  );
}

function describeData(data: Record<string, unknown> | null): HTMLElement | null {
  if (!data || !Object.keys(data).length) return null;
  const text = JSON.stringify(data);
  return h('div', { class: 'muted', style: 'font-size:12px;word-break:break-all' }, text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

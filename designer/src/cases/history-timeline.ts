import type { HistoryEvent } from '../api/types.js';
import { formatDateTime, h } from '../app/dom.js';
import { currentLanguage, t } from '../i18n/index.js';
import { deadlineText } from '../sla/deadline-badge.js';
import { HISTORY_EVENT_NAMES, HISTORY_FIELD_LABELS, historyEventName, isTechnicalEvent } from './history-events.js';

/**
 * The case's trail, oldest first: 一张工单跟到底. Chinese event names, people and steps by name,
 * China time, no JSON. Engine bookkeeping (连线, 设置数据, 计时内部) is folded under 显示技术细节;
 * an entry's details are folded too, shown as labelled fields.
 */
export function historyTimeline(events: HistoryEvent[]): HTMLElement {
  if (!events.length) return h('p', { class: 'muted' }, t('No history yet'));
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at) || Number(a.id) - Number(b.id));
  const technicalCount = sorted.filter((event) => isTechnicalEvent(event.type)).length;
  const list = h('ol', { class: 'timeline hide-technical', id: 'history-timeline' }, sorted.map(entry));
  const toggle = h('input', { type: 'checkbox', id: 'show-technical' });
  toggle.addEventListener('change', () => list.classList.toggle('hide-technical', !toggle.checked));
  return h('div', { class: 'trail' },
    technicalCount ? h('label', { class: 'trail-toggle muted' }, toggle, ` ${t('Show technical details')}（${technicalCount}）`) : null,
    list,
  );
}

function entry(event: HistoryEvent): HTMLElement {
  const language = currentLanguage();
  const names = event.names ?? {};
  const technical = isTechnicalEvent(event.type);
  const who = event.actor && event.actor !== 'system' ? (event.actorName ?? names[event.actor] ?? event.actor) : event.actor === 'system' ? t('System') : '';
  const all = dataFields(event, names);
  // What a person wrote (理由, 意见, 备注) reads inline; the rest is folded under 详情.
  const told = all.filter(([key]) => TOLD.has(key));
  const fields = all.filter(([key]) => !TOLD.has(key));
  return h('li', {
    class: [event.type.endsWith('completed') ? 'completed' : '', event.type.startsWith('incident.created') ? 'incident' : '', technical ? 'technical' : ''].filter(Boolean).join(' '),
    'data-type': event.type,
    ...(technical ? { 'data-technical': 'true' } : {}),
  },
  h('div', { class: 'when' }, [formatDateTime(event.at), who].filter(Boolean).join(' · ')),
  h('div', { class: 'what' }, h('strong', {}, historyEventName(event.type, language)), stepName(event) ? ` ${stepName(event)}` : ''),
  told.length ? h('div', { class: 'trail-told' }, told.map(([, label, value]) => `${label}：${value}`).join('　')) : null,
  fields.length
    ? h('details', { class: 'trail-details' },
        h('summary', {}, t('Details')),
        h('dl', { class: 'case-fields' }, fields.flatMap(([, label, value]) => [h('dt', {}, label), h('dd', {}, value)])))
    : null,
  );
}

/** What an entry is about: the step by name, else a clock's label (受理环节时限); the process itself says nothing. */
function stepName(event: HistoryEvent): string {
  const label = typeof event.data?.label === 'string' && event.type.startsWith('sla.') ? event.data.label : '';
  if (event.elementType === 'process') return label;
  const step = event.elementName ?? (event.elementId ? event.names?.[event.elementId] : undefined) ?? '';
  return [step, label].filter(Boolean).join(' · ');
}

/** Fields a person wrote: shown on the entry itself. */
const TOLD = new Set(['reason', 'reasonZh', 'opinion', 'note', 'message', 'messageZh']);

/** The entry's data as labelled Chinese fields (key, label, text): known fields only, values by name, China time. */
function dataFields(event: HistoryEvent, names: Record<string, string>): [string, string, string][] {
  const data = event.data ?? {};
  const language = currentLanguage();
  const fields: [string, string, string][] = [];
  for (const [key, value] of Object.entries(data)) {
    const label = HISTORY_FIELD_LABELS[key];
    if (!label || value === null || value === undefined || value === '') continue;
    if (key === 'reasonZh' && language === 'en') continue;
    if (key === 'messageZh' && language === 'en') continue;
    if ((key === 'reason' && typeof data.reasonZh === 'string') || (key === 'message' && typeof data.messageZh === 'string')) {
      if (language !== 'en') continue;
    }
    if (key === 'toName' && typeof data.to === 'string') continue;
    if (key === 'label' && event.type.startsWith('sla.')) continue;
    const text = valueText(key, value, names);
    if (text) fields.push([key, language === 'en' ? label.en : label.zh, text]);
  }
  return fields;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function valueText(key: string, value: unknown, names: Record<string, string>): string {
  if (typeof value === 'boolean') return value ? t('Yes') : t('No');
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    if (INSTANT.test(value)) return /due/i.test(key) ? deadlineText(value) : formatDateTime(value);
    if (key === 'kind' && t(`clock.${value}`) !== `clock.${value}`) return t(`clock.${value}`);
    // Why a clock stopped: the event that ended it (instance.completed) or the engine's word for it.
    if (HISTORY_EVENT_NAMES[value]) return historyEventName(value, currentLanguage());
    if (t(`slaReason.${value}`) !== `slaReason.${value}`) return t(`slaReason.${value}`);
    if (key === 'operation') return t(`operation.${value}`) === `operation.${value}` ? value : t(`operation.${value}`);
    // A message quoting ids (“Gateway_1”) quotes their names instead.
    return names[value] ?? value.replace(/[“']([^”'\s]{1,100})[”']/g, (whole, id: string) => (names[id] ? `“${names[id]}”` : whole));
  }
  if (Array.isArray(value)) return value.map((item) => valueText(key, item, names)).filter(Boolean).join('、');
  if (typeof value === 'object' && value) {
    // A record of data (补正 fields, variables set): "名称：值" per entry, never JSON.
    return Object.entries(value as Record<string, unknown>)
      .map(([name, entry]) => `${names[name] ?? name}：${typeof entry === 'object' && entry !== null ? '…' : valueText(name, entry, names)}`)
      .join('；');
  }
  return '';
}

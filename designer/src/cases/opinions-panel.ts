import { api } from '../api/client.js';
import type { Opinion } from '../api/operation-types.js';
import type { ListOf } from '../api/types.js';
import { formatDateTime, h } from '../app/dom.js';
import { t } from '../i18n/index.js';
import { caseWords, type CaseKind } from './case-kind.js';

/** 审批意见 (an appeal's 办理意见): every step's opinion on the case, oldest first, with the step and who gave it. */
export async function opinionsPanel(caseId: string, kind: CaseKind = 'approval'): Promise<HTMLElement> {
  const words = caseWords(kind);
  const list = await api<ListOf<Opinion>>(`/process-instances/${encodeURIComponent(caseId)}/opinions`).catch(() => ({ items: [] as Opinion[] }));
  const opinions = [...list.items].sort((a, b) => a.at.localeCompare(b.at));
  return h('section', { class: 'case-panel', id: 'opinions-panel' },
    h('h3', {}, t(words.opinions)),
    opinions.length
      ? h('table', { class: 'list' },
          h('thead', {}, h('tr', {}, h('th', {}, t('Step')), h('th', {}, t(words.opinion)), h('th', {}, t('By')), h('th', {}, t('Time')))),
          h('tbody', {}, opinions.map((entry) => h('tr', {},
            h('td', {}, entry.elementName ?? t('Unnamed step')),
            h('td', { class: 'opinion-text' }, entry.opinion),
            h('td', {}, entry.actorName ?? entry.actor ?? '—'),
            h('td', {}, formatDateTime(entry.at)),
          ))))
      : h('p', { class: 'muted' }, t(words.noOpinions)),
  );
}
